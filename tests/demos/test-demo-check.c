/*
 * test-demo-check.c: every expectation kind checked against synthetic
 * traces built to show it (met) or to fall just short of it (not met),
 * with the one-line reason a teacher reads.
 */
#include <glib.h>
#include <string.h>

#include "synth-trace.h"
#include "weft-demo-expect.h"

#define ROOT 100
#define NR_READ 0
#define NR_WRITE 1
#define NR_SELECT 23
#define SIGKILL_ 9
#define SIGSEGV_ 11
#define LOCK_A 0x601000
#define LOCK_B 0x601040

static WeftDemoCheck *
check (WeftModel *model, const char *json)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (WeftDemoExpect) expect = NULL;
  WeftDemoCheck *result;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  expect = weft_demo_expect_new_from_json (json_node_get_object (json_parser_get_root (parser)), &error);
  g_assert_no_error (error);
  result = weft_demo_expect_check (expect, model);
  result->expect = NULL; /* freed here */
  g_test_message ("%s: %s", result->met ? "met" : "not met", result->reason);
  return result;
}

static void
assert_met (WeftModel *model, const char *json, gboolean met, const char *reason)
{
  g_autoptr (WeftDemoCheck) result = check (model, json);

  if (result->met != met)
    g_error ("%s should be %s: %s", json, met ? "met" : "not met", result->reason);
  if (reason)
    g_assert_cmpstr (result->reason, ==, reason);
}

/* A family: a zombie for 1 s (code 3), a child killed by SIGSEGV, one
 * killed by SIGKILL from the root, an orphan adopted by init, and one
 * auto-reaped child. */
static WeftModel *
family (void)
{
  g_autoptr (SynthTrace) s = synth_new (ROOT);

  synth_exec (s, MS (1), ROOT, "/usr/bin/demo", "demo");
  synth_fork (s, MS (2), ROOT, ROOT, 200, 200, FALSE, "demo");
  synth_fork (s, MS (3), ROOT, ROOT, 300, 300, FALSE, "demo");
  synth_fork (s, MS (4), ROOT, ROOT, 400, 400, FALSE, "demo");
  synth_fork (s, MS (5), ROOT, ROOT, 500, 500, FALSE, "demo");
  synth_fork (s, MS (6), ROOT, ROOT, 600, 600, FALSE, "demo");
  synth_exit (s, MS (10), 200, 200, 3 << 8, TRUE, ROOT);
  synth_signal (s, MS (20), 300, 300, 300, SIGSEGV_, TRUE);
  synth_exit (s, MS (21), 300, 300, SIGSEGV_, TRUE, ROOT);
  synth_wait (s, MS (22), MS (23), ROOT, ROOT, 300, SIGSEGV_);
  synth_signal (s, MS (30), ROOT, ROOT, 400, SIGKILL_, TRUE);
  synth_exit (s, MS (31), 400, 400, SIGKILL_, TRUE, ROOT);
  synth_wait (s, MS (32), MS (33), ROOT, ROOT, 400, SIGKILL_);
  synth_exit (s, MS (40), 600, 600, 0, TRUE, ROOT);
  synth_reap (s, MS (40), ROOT, 600, WEFT_REAP_AUTO);
  synth_wait (s, MS (50), MS (1010), ROOT, ROOT, 200, 3 << 8);
  synth_exit (s, MS (1100), ROOT, ROOT, 0, TRUE, 1);
  synth_reap (s, MS (1101), 1, ROOT, WEFT_REAP_BY_RECORDER);
  synth_reparent (s, MS (1100), ROOT, 500, 1);
  synth_exit (s, MS (1200), 500, 500, 0, TRUE, 1);
  synth_stop (s, MS (1300), 0);
  return synth_model (s);
}

static void
test_process_kinds (void)
{
  g_autoptr (WeftModel) model = family ();

  assert_met (model, "{\"kind\": \"processes\", \"min\": 6}", TRUE, "processes: ≥ 6 wanted, found 6");
  assert_met (model, "{\"kind\": \"processes\", \"min\": 7}", FALSE, NULL);
  /* All six were alive between 6 ms and 10 ms. */
  assert_met (model, "{\"kind\": \"alive\", \"min\": 6}", TRUE, NULL);
  assert_met (model, "{\"kind\": \"alive\", \"min\": 7}", FALSE, NULL);
  assert_met (model, "{\"kind\": \"zombies\", \"min\": 1, \"min_ns\": 1000000000}", TRUE,
              "zombies: 1 lasting ≥ 1 s wanted, found 1 (longest 1.000 s)");
  assert_met (model, "{\"kind\": \"zombies\", \"min\": 1, \"min_ns\": 1100000000}", FALSE,
              "zombies: 1 lasting ≥ 1.1 s wanted, found 0 (longest 1.000 s)");
  assert_met (model, "{\"kind\": \"zombies\", \"min\": 3, \"min_ns\": 2000000}", TRUE, NULL);
  assert_met (model, "{\"kind\": \"zombies\", \"min\": 2, \"min_ns\": 5000000}", FALSE, NULL);
  assert_met (model, "{\"kind\": \"reparent\", \"min\": 1}", TRUE, NULL);
  assert_met (model, "{\"kind\": \"reparent\", \"min\": 2}", FALSE, NULL);
  assert_met (model, "{\"kind\": \"auto_reaped\", \"min\": 1}", TRUE, NULL);
  assert_met (model, "{\"kind\": \"auto_reaped\", \"min\": 2}", FALSE, NULL);
  assert_met (model, "{\"kind\": \"exit\", \"code\": 3, \"min\": 1}", TRUE, "exit: ≥ 1 with code 3 wanted, found 1");
  assert_met (model, "{\"kind\": \"exec\", \"program\": \"demo\", \"min\": 1}", TRUE,
              "exec: ≥ 1 processes executed demo wanted, found 1");
  assert_met (model, "{\"kind\": \"exec\", \"program\": \"demo\", \"min\": 2}", FALSE, NULL);
  assert_met (model, "{\"kind\": \"exec\", \"program\": \"sleep\", \"min\": 1}", FALSE, NULL);
  assert_met (model, "{\"kind\": \"exit\", \"code\": 0, \"min\": 3}", TRUE, NULL);
  assert_met (model, "{\"kind\": \"exit\", \"code\": 0, \"min\": 4}", FALSE, NULL);
  assert_met (model, "{\"kind\": \"exit\", \"signal\": \"SIGSEGV\", \"min\": 1}", TRUE,
              "exit: ≥ 1 killed by signal 11 (SIGSEGV) wanted, found 1");
  assert_met (model, "{\"kind\": \"exit\", \"signal\": 15, \"min\": 1}", FALSE, NULL);
  assert_met (model, "{\"kind\": \"signal\", \"signal\": 9, \"min\": 1}", TRUE, NULL);
  assert_met (model, "{\"kind\": \"signal\", \"signal\": 9, \"min\": 2}", FALSE,
              "signal: 9 (SIGKILL) sent ≥ 2 times wanted, found 1");
  /* The root waited 960 ms for the zombie. */
  assert_met (model, "{\"kind\": \"state\", \"state\": \"child\", \"min_ns\": 900000000}", TRUE, NULL);
  assert_met (model, "{\"kind\": \"state\", \"state\": \"child\", \"min_ns\": 1000000000}", FALSE, NULL);
}

/* Two workers that run side by side for 100 ms, with scheduler events;
 * one of them in uninterruptible sleep (D) for 200 ms, one stopped (T).
 * The host took `stolen_ns` of cpu time from the machine meanwhile. */
static WeftModel *
scheduled_on (guint64 stolen_ns)
{
  g_autoptr (SynthTrace) s = synth_new (ROOT);

  synth_exec (s, MS (1), ROOT, "/usr/bin/demo", "demo");
  synth_fork (s, MS (2), ROOT, ROOT, ROOT, ROOT + 1, TRUE, "worker-1");
  synth_fork (s, MS (2), ROOT, ROOT, ROOT, ROOT + 2, TRUE, "worker-2");
  synth_switch_out (s, MS (2), ROOT, ROOT + 1, WEFT_TASK_INTERRUPTIBLE);
  synth_switch_out (s, MS (2), ROOT, ROOT + 2, WEFT_TASK_INTERRUPTIBLE);
  synth_switch_out (s, MS (3), ROOT, ROOT, WEFT_TASK_INTERRUPTIBLE);
  synth_switch_in (s, MS (10), ROOT, ROOT + 1);
  synth_switch_in (s, MS (50), ROOT, ROOT + 2);
  synth_switch_out (s, MS (110), ROOT, ROOT + 1, WEFT_TASK_RUNNING);
  synth_switch_in (s, MS (130), ROOT, ROOT + 1);
  synth_switch_out (s, MS (150), ROOT, ROOT + 2, WEFT_TASK_UNINTERRUPTIBLE);
  synth_wakeup (s, MS (350), ROOT, ROOT + 1, ROOT, ROOT + 2);
  synth_switch_in (s, MS (350), ROOT, ROOT + 2);
  synth_switch_out (s, MS (360), ROOT, ROOT + 2, WEFT_TASK_STOPPED);
  synth_switch_out (s, MS (400), ROOT, ROOT + 1, WEFT_TASK_INTERRUPTIBLE);
  if (stolen_ns)
    {
      synth_cpu_steal (s, MS (1), 5000000000);
      synth_cpu_steal (s, MS (499), 5000000000 + stolen_ns);
    }
  synth_stop (s, MS (500), 0);
  return synth_model (s);
}

static WeftModel *
scheduled (void)
{
  return scheduled_on (0);
}

static void
test_scheduler_kinds (void)
{
  g_autoptr (WeftModel) model = scheduled ();

  assert_met (model, "{\"kind\": \"threads\", \"min\": 3}", TRUE, "threads: ≥ 3 at once in one process wanted, found 3");
  assert_met (model, "{\"kind\": \"threads\", \"min\": 4}", FALSE, NULL);
  /* Both ran during 50-110, 130-150 and 350-360 ms: 90 ms. */
  assert_met (model, "{\"kind\": \"parallel\", \"min\": 2}", TRUE, NULL);
  assert_met (model, "{\"kind\": \"parallel\", \"min\": 2, \"min_ns\": 90000000}", TRUE,
              "parallel: ≥ 2 threads running at once for ≥ 90 ms wanted, found 2 (0.090 s with ≥ 2 running)");
  assert_met (model, "{\"kind\": \"parallel\", \"min\": 2, \"min_ns\": 91000000}", FALSE, NULL);
  assert_met (model, "{\"kind\": \"parallel\", \"min\": 3}", FALSE, NULL);
  /* 90 ms at once of 392 ms with one or more running (the root 1-3 ms,
   * worker-1 10-400 ms): 22.96%, shown rounded up: 23.0%. */
  assert_met (model, "{\"kind\": \"serial\", \"max_percent\": 23}", TRUE, NULL);
  assert_met (model, "{\"kind\": \"serial\", \"max_percent\": 22}", FALSE,
              "serial: threads of one process running at once for ≤ 22% of the time they ran wanted, "
              "found 23.0% (process 100 with 3 threads: 0.090 s at once of 0.392 s running)");
  assert_met (model, "{\"kind\": \"state\", \"state\": \"disk\", \"min_ns\": 200000000}", TRUE,
              "state disk: ≥ 1 threads for ≥ 200 ms each wanted, found 1 (longest 0.200 s)");
  assert_met (model, "{\"kind\": \"state\", \"state\": \"disk\", \"min_ns\": 201000000}", FALSE, NULL);
  assert_met (model, "{\"kind\": \"state\", \"state\": \"stopped\", \"min_ns\": 140000000}", TRUE, NULL);
  assert_met (model, "{\"kind\": \"state\", \"state\": \"running\", \"min_ns\": 100000000, \"min_threads\": 2}",
              TRUE, NULL);
  assert_met (model, "{\"kind\": \"state\", \"state\": \"running\", \"min_ns\": 100000000, \"min_threads\": 3}",
              FALSE, NULL);
  /* Both workers ran at the same moment; only one was ever in D. */
  assert_met (model, "{\"kind\": \"state_at_once\", \"state\": \"running\", \"min\": 2}", TRUE,
              "state_at_once running: ≥ 2 threads at the same moment wanted, found 2");
  assert_met (model, "{\"kind\": \"state_at_once\", \"state\": \"running\", \"min\": 3}", FALSE, NULL);
  assert_met (model, "{\"kind\": \"state_at_once\", \"state\": \"running\", \"max\": 1}", FALSE, NULL);
  assert_met (model, "{\"kind\": \"state_at_once\", \"state\": \"disk\", \"max\": 1}", TRUE, NULL);
  /* Nobody waited for a child: "at most one" needs one. */
  assert_met (model, "{\"kind\": \"state_at_once\", \"state\": \"child\", \"max\": 1}", FALSE, NULL);
  assert_met (model, "{\"kind\": \"no_deadlock\"}", TRUE, "no_deadlock: no deadlock of any kind wanted, found 0");
}

/* In a virtual machine, a thread whose cpu the host took looks as if it
 * ran: serial counts only the time at once that stolen time cannot
 * explain (here 90 ms at once, 60 ms stolen: 30 ms of 392 ms, 7.65%, shown 7.7%). */
static void
test_serial_discounts_stolen_time (void)
{
  g_autoptr (WeftModel) model = scheduled_on (MS (60));

  g_assert_cmpuint (weft_model_get_stolen_ns (model), ==, MS (60));
  assert_met (model, "{\"kind\": \"serial\", \"max_percent\": 8}", TRUE,
              "serial: threads of one process running at once for ≤ 8% of the time they ran wanted, found 7.7% "
              "(process 100 with 3 threads: 0.090 s at once of 0.392 s running, "
              "0.060 s of cpu taken by the hypervisor)");
  assert_met (model, "{\"kind\": \"serial\", \"max_percent\": 7}", FALSE, NULL);
  /* What ran at once is still what the trace shows. */
  assert_met (model, "{\"kind\": \"parallel\", \"min\": 2, \"min_ns\": 90000000}", TRUE, NULL);
}

/* A single-threaded process cannot show a GIL: serial is not met. */
static void
test_serial_needs_threads (void)
{
  g_autoptr (WeftModel) model = family ();

  assert_met (model, "{\"kind\": \"serial\", \"max_percent\": 100}", FALSE,
              "serial: threads of one process running at once for ≤ 100% of the time they ran wanted, found none "
              "(no process had two threads at once)");
}

static void
test_locks_and_io (void)
{
  g_autoptr (SynthTrace) s = synth_new (ROOT);
  g_autoptr (WeftModel) model = NULL;
  const gint32 fds[] = { 3 | (1u << 29) };

  synth_exec (s, MS (1), ROOT, "/usr/bin/demo", "demo");
  synth_fork (s, MS (2), ROOT, ROOT, ROOT, ROOT + 1, TRUE, "worker-1");
  synth_fork (s, MS (2), ROOT, ROOT, ROOT, ROOT + 2, TRUE, "worker-2");
  synth_lock_name (s, MS (3), ROOT, LOCK_A, "lock_a");
  synth_lock_name (s, MS (3), ROOT, LOCK_B, "lock_b");
  for (guint i = 0; i < 3; i++)
    {
      synth_futex_wait (s, MS (10 + 10 * i), ROOT, ROOT + 1, LOCK_A, WEFT_FUTEX_CLASS_MUTEX, ROOT + 2, 0, FALSE);
      synth_futex_wait_end (s, MS (15 + 10 * i), ROOT, ROOT + 1, LOCK_A, 0);
    }
  synth_object (s, MS (50), ROOT, 5, WEFT_OBJ_PIPE, 777, NULL);
  synth_syscall (s, MS (51), MS (52), ROOT, ROOT + 1, NR_WRITE, 5, 100);
  synth_syscall (s, MS (53), MS (54), ROOT, ROOT + 2, NR_READ, 5, 60);
  synth_object (s, MS (55), ROOT, 6, WEFT_OBJ_SOCKET, 888, NULL);
  synth_syscall (s, MS (56), MS (57), ROOT, ROOT + 1, NR_WRITE, 6, 10);
  synth_syscall (s, MS (58), MS (59), ROOT, ROOT + 1, NR_READ, 6, 10);
  for (guint i = 0; i < 4; i++)
    {
      synth_syscall_begin (s, MS (60 + 10 * i), ROOT, ROOT, NR_SELECT, -1);
      synth_fdset (s, MS (60 + 10 * i), ROOT, ROOT, NR_SELECT, WEFT_FDSET_WATCH, fds, 1);
      synth_syscall_end (s, MS (65 + 10 * i), ROOT, ROOT, NR_SELECT, -1, 1);
    }
  /* ABBA: worker-1 holds A and wants B, worker-2 holds B and wants A. */
  synth_futex_wait (s, MS (200), ROOT, ROOT + 1, LOCK_B, WEFT_FUTEX_CLASS_MUTEX, ROOT + 2, 0, FALSE);
  synth_futex_wait (s, MS (201), ROOT, ROOT + 2, LOCK_A, WEFT_FUTEX_CLASS_MUTEX, ROOT + 1, 0, FALSE);
  synth_stop (s, MS (3000), 0);
  model = synth_model (s);

  assert_met (model, "{\"kind\": \"lock_contentions\", \"min\": 4}", TRUE, NULL);
  assert_met (model, "{\"kind\": \"lock_contentions\", \"min\": 6}", FALSE,
              "lock_contentions: ≥ 6 wanted, found 5");
  assert_met (model, "{\"kind\": \"lock_contentions\", \"min\": 4, \"lock\": \"lock_a\"}", TRUE, NULL);
  assert_met (model, "{\"kind\": \"lock_contentions\", \"min\": 2, \"lock\": \"lock_b\"}", FALSE, NULL);
  assert_met (model, "{\"kind\": \"deadlock\", \"type\": \"cycle\", \"threads\": 2}", TRUE, NULL);
  assert_met (model, "{\"kind\": \"deadlock\", \"type\": \"cycle\", \"threads\": 3}", FALSE,
              "deadlock: a cycle of ≥ 3 threads wanted, found 0 (1 deadlocks in all, the largest of 2 threads)");
  assert_met (model, "{\"kind\": \"deadlock\", \"type\": \"stall\", \"threads\": 2}", FALSE, NULL);
  assert_met (model, "{\"kind\": \"no_deadlock\"}", FALSE, NULL);
  assert_met (model, "{\"kind\": \"io_waits\", \"io\": \"select\", \"min\": 4}", TRUE, NULL);
  assert_met (model, "{\"kind\": \"io_waits\", \"io\": \"select\", \"min\": 5}", FALSE,
              "io_waits: ≥ 5 select calls wanted, found 4");
  assert_met (model, "{\"kind\": \"io_waits\", \"io\": \"epoll\", \"min\": 1}", FALSE, NULL);
  /* 100 bytes written, 60 read: 60 went from a writer to a reader. */
  assert_met (model, "{\"kind\": \"queue\", \"queue\": \"pipe\", \"min_bytes\": 60}", TRUE,
              "queue: a pipe carrying ≥ 60 bytes from a writer to a reader wanted, found 60 bytes "
              "(1 with a writer and another reader)");
  assert_met (model, "{\"kind\": \"queue\", \"queue\": \"pipe\", \"min_bytes\": 61}", FALSE, NULL);
  assert_met (model, "{\"kind\": \"queue\", \"queue\": \"mq\", \"min_bytes\": 1}", FALSE, NULL);
  /* A thread that reads back what it wrote itself moved nothing. */
  assert_met (model, "{\"kind\": \"queue\", \"queue\": \"socket\", \"min_bytes\": 1}", FALSE,
              "queue: a socket carrying ≥ 1 bytes from a writer to a reader wanted, found 0 bytes "
              "(0 with a writer and another reader)");
}

/* Keys that would make a new kind mean something else are refused. */
static void
test_new_kinds_refuse (void)
{
  const char *wrong[] = {
    "{\"kind\": \"state_at_once\", \"state\": \"sleep\", \"min\": 2, \"max\": 3}",
    "{\"kind\": \"state_at_once\", \"state\": \"sleep\"}",
    "{\"kind\": \"exec\", \"program\": \"/bin/sleep\", \"min\": 1}",
    "{\"kind\": \"no_deadlock\", \"min\": 1}",
    /* serial was a duration once; now a share of the running time. */
    "{\"kind\": \"serial\", \"max_ns\": 30000000}",
    "{\"kind\": \"serial\", \"max_percent\": 101}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autoptr (GError) error = NULL;
      g_autoptr (WeftDemoExpect) expect = NULL;

      g_assert_true (json_parser_load_from_data (parser, wrong[i], -1, NULL));
      expect = weft_demo_expect_new_from_json (json_node_get_object (json_parser_get_root (parser)), &error);
      g_assert_null (expect);
      g_assert_nonnull (error);
      g_test_message ("%s: %s", wrong[i], error->message);
    }
}

static void
test_check_all (void)
{
  g_autoptr (WeftModel) model = family ();
  g_autoptr (GPtrArray) expects = g_ptr_array_new_with_free_func ((GDestroyNotify) weft_demo_expect_free);
  g_autoptr (GPtrArray) checks = NULL;
  const char *items[] = { "{\"kind\": \"reparent\", \"min\": 1}", "{\"kind\": \"reparent\", \"min\": 5}" };
  gboolean all_met = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autoptr (GError) error = NULL;

      json_parser_load_from_data (parser, items[i], -1, &error);
      g_assert_no_error (error);
      g_ptr_array_add (expects,
                       weft_demo_expect_new_from_json (json_node_get_object (json_parser_get_root (parser)), &error));
      g_assert_no_error (error);
    }
  checks = weft_demo_expect_check_all (expects, model, &all_met);
  g_assert_cmpuint (checks->len, ==, 2);
  g_assert_false (all_met);
  g_assert_true (((WeftDemoCheck *) g_ptr_array_index (checks, 0))->met);
  g_assert_false (((WeftDemoCheck *) g_ptr_array_index (checks, 1))->met);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/demo-check/process-kinds", test_process_kinds);
  g_test_add_func ("/demo-check/scheduler-kinds", test_scheduler_kinds);
  g_test_add_func ("/demo-check/serial-needs-threads", test_serial_needs_threads);
  g_test_add_func ("/demo-check/serial-discounts-stolen-time", test_serial_discounts_stolen_time);
  g_test_add_func ("/demo-check/locks-and-io", test_locks_and_io);
  g_test_add_func ("/demo-check/new-kinds-refuse", test_new_kinds_refuse);
  g_test_add_func ("/demo-check/check-all", test_check_all);
  return g_test_run ();
}
