/* demo-util: the few things every demo in demos/c/more does the same way:
 * say what happens in plain words, name threads so the trace shows them,
 * burn CPU for a measured amount, and end a stuck demo with a watchdog. */
#pragma once

#include <stdarg.h>

/* printf + fflush, so the words appear in order with the timeline. */
void demo_say (const char *format, ...) __attribute__ ((format (printf, 1, 2)));

/* Names the calling thread (at most 15 characters show in the trace). */
void demo_name_thread (const char *format, ...) __attribute__ ((format (printf, 1, 2)));

/* Runs on the CPU until this thread has used `ms` milliseconds of CPU
 * time (not wall time: a thread that is made to wait still does the same
 * amount of work). */
void demo_burn_cpu_ms (unsigned ms);

/* A fixed amount of CPU work (about 1 ns per loop), with no system call:
 * for work inside a hot loop. */
void demo_spin (unsigned long loops);

/* Sleeps `ms` milliseconds. */
void demo_sleep_ms (unsigned ms);

/* After `seconds`, prints `why` and ends the whole process: how a deadlock
 * demo ends itself.  It exits with 0, as every demo that did what it
 * shows (the deadlock itself is in the trace). */
void demo_watchdog (unsigned seconds, const char *why);

/* Monotonic milliseconds since the first call. */
long demo_elapsed_ms (void);
