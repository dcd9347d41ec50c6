/* gui-fixtures.h: synthetic traces for the viewer's tests, written as real
 * .weft files with the model's synthetic stream builder (WeftTraceWriter). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A two-thread ABBA deadlock: "worker-a" (tid 1001) holds mutex_a and waits
 * for mutex_b, "worker-b" (tid 1002) the other way round, from 0.8 s until
 * the trace ends at 2.0 s.  The main thread waits in pthread_join. */
#define FIXTURE_PID 1000
#define FIXTURE_TID_A 1001
#define FIXTURE_TID_B 1002
#define FIXTURE_DEADLOCK_MS 800
#define FIXTURE_END_MS 2000
void gui_fixture_write_deadlock (const char *path);

G_END_DECLS
