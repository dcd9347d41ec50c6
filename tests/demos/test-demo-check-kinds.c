/* test-demo-check-kinds.c: the checker's parts the thread and coroutine
 * demos rely on, on synthetic traces: a lock named by its global object
 * also covers the futexes inside it, and max_threads bounds every
 * process (a coroutine demo's one thread); and a demo that asks for
 * `weft record --uprobes`. */
#include <glib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "synth-trace.h"
#include "weft-demo-catalog.h"
#include "weft-demo-expect.h"

#define P 100
#define EVENT_COND 0x601050
#define EVENT_MUTEX 0x601000
#define LOOKALIKE 0x602000

static WeftDemoExpect *
expect_from (const char *json)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  WeftDemoExpect *expect;

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  expect = weft_demo_expect_new_from_json (json_node_get_object (json_parser_get_root (parser)), &error);
  g_assert_no_error (error);
  return expect;
}

static gboolean
met (const char *json, WeftModel *model)
{
  g_autoptr (WeftDemoExpect) expect = expect_from (json);
  g_autoptr (WeftDemoCheck) check = weft_demo_expect_check (expect, model);

  g_test_message ("%s", check->reason);
  return check->met;
}

static SynthTrace *
process_with_threads (guint n)
{
  SynthTrace *s = synth_new (P);

  synth_exec (s, MS (1), P, "/usr/bin/demo", "demo");
  for (guint i = 1; i < n; i++)
    synth_fork (s, MS (1) + i, P, P, P, P + i, TRUE, "worker");
  return s;
}

/* copy_on_write counts one process's faults, not the whole trace's. */
static void
test_copy_on_write (void)
{
  g_autoptr (SynthTrace) s = process_with_threads (2);
  g_autoptr (WeftModel) model = NULL;

  synth_fork (s, MS (5), P, P, P + 10, P + 10, FALSE, "demo");
  synth_cow_faults (s, MS (6), MS (7), P, P, 600);
  synth_cow_faults (s, MS (6), MS (8), P, P + 1, 600);
  synth_cow_faults (s, MS (6), MS (9), P + 10, P + 10, 1000);
  model = synth_model (s);
  g_assert_true (met ("{\"kind\": \"copy_on_write\", \"min\": 1200}", model));
  g_assert_false (met ("{\"kind\": \"copy_on_write\", \"min\": 1201}", model));
  g_assert_false (met ("{\"kind\": \"copy_on_write\", \"min\": 2000}", model));
}

/* Three cars wait on the condition variable inside green_light, the
 * traffic light takes its mutex once; a lookalike name must not count. */
static void
test_lock_named_by_object (void)
{
  g_autoptr (SynthTrace) s = process_with_threads (4);
  g_autoptr (WeftModel) model = NULL;

  synth_lock_name (s, MS (2), P, EVENT_COND, "green_light+0x50");
  synth_lock_name (s, MS (2), P, EVENT_MUTEX, "green_light");
  synth_lock_name (s, MS (2), P, LOOKALIKE, "green_lightning");
  for (guint i = 1; i <= 3; i++)
    synth_futex_wait (s, MS (10) + i, P, P + i, EVENT_COND, WEFT_FUTEX_CLASS_COND, 0, 0, FALSE);
  synth_futex_wait (s, MS (20), P, P, EVENT_MUTEX, WEFT_FUTEX_CLASS_MUTEX, 0, 0, FALSE);
  synth_futex_wait_end (s, MS (21), P, P, EVENT_MUTEX, 0);
  for (guint i = 1; i <= 3; i++)
    synth_futex_wait_end (s, MS (30), P, P + i, EVENT_COND, 0);
  synth_futex_wait (s, MS (40), P, P + 1, LOOKALIKE, WEFT_FUTEX_CLASS_MUTEX, 0, 0, FALSE);
  synth_futex_wait_end (s, MS (41), P, P + 1, LOOKALIKE, 0);
  synth_stop (s, MS (100), 0);
  model = synth_model (s);

  g_assert_true (met ("{\"kind\": \"lock_contentions\", \"lock\": \"green_light\", \"min\": 4}", model));
  g_assert_false (met ("{\"kind\": \"lock_contentions\", \"lock\": \"green_light\", \"min\": 5}", model));
  g_assert_true (met ("{\"kind\": \"lock_contentions\", \"lock\": \"green_light+0x50\", \"min\": 3}", model));
  g_assert_false (met ("{\"kind\": \"lock_contentions\", \"lock\": \"green_light+0x50\", \"min\": 4}", model));
  g_assert_false (met ("{\"kind\": \"lock_contentions\", \"lock\": \"green\", \"min\": 1}", model));
}

/* A download: the server writes 600 KB into its end of the connection,
 * the client reads them at the other end; the client sent only a short
 * request.  A socket's two ends are two objects in the model. */
static void
test_queue_through_a_connection (void)
{
  g_autoptr (SynthTrace) s = synth_new (P);
  g_autoptr (WeftModel) model = NULL;

  synth_exec (s, MS (1), P, "/usr/bin/demo", "demo");
  synth_fork (s, MS (2), P, P, 200, 200, FALSE, "client");
  synth_inet_socket (s, MS (3), 200, 3, 5001, 0, 0);          /* socket() */
  synth_inet_socket (s, MS (4), 200, 3, 5001, 40000, 8000);   /* connect() */
  synth_inet_socket (s, MS (4), P, 4, 5002, 8000, 40000);     /* accept() */
  synth_syscall (s, MS (5), MS (6), 200, 200, 44, 3, 14);    /* sendto: the request */
  synth_syscall (s, MS (5), MS (6), P, P, 45, 4, 14);        /* recvfrom */
  synth_syscall (s, MS (7), MS (8), P, P, 44, 4, 600000);    /* the file */
  synth_syscall (s, MS (7), MS (9), 200, 200, 45, 3, 600000);
  synth_stop (s, MS (100), 0);
  model = synth_model (s);
  g_assert_true (met ("{\"kind\": \"queue\", \"queue\": \"socket\", \"min_bytes\": 600000}", model));
  g_assert_false (met ("{\"kind\": \"queue\", \"queue\": \"socket\", \"min_bytes\": 600001}", model));
}

static void
test_max_threads (void)
{
  g_autoptr (SynthTrace) one = process_with_threads (1);
  g_autoptr (SynthTrace) three = process_with_threads (3);
  g_autoptr (WeftModel) one_model = NULL, three_model = NULL;

  synth_stop (one, MS (100), 0);
  synth_stop (three, MS (100), 0);
  one_model = synth_model (one);
  three_model = synth_model (three);

  g_assert_true (met ("{\"kind\": \"max_threads\", \"max\": 1}", one_model));
  g_assert_false (met ("{\"kind\": \"max_threads\", \"max\": 1}", three_model));
  g_assert_false (met ("{\"kind\": \"max_threads\", \"max\": 2}", three_model));
  g_assert_true (met ("{\"kind\": \"max_threads\", \"max\": 3}", three_model));
}

static void
test_max_threads_needs_max (void)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (WeftDemoExpect) expect = NULL;

  g_assert_true (json_parser_load_from_data (parser, "{\"kind\": \"max_threads\"}", -1, NULL));
  expect = weft_demo_expect_new_from_json (json_node_get_object (json_parser_get_root (parser)), &error);
  g_assert_null (expect);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "max"));
}

/* A daemon thread: main (P) joins the worker (P+1), then returns and
 * the process exits with daemon-beat (P+2) asleep: the exit wakes it to
 * die, scheduled 20 ms later on a busy machine.  In the other process
 * main only calls pthread_exit and its worker, asleep too, wakes on its
 * own timer and returns: not a thread cut off. */
static void
test_cut_off (void)
{
  g_autoptr (SynthTrace) s = process_with_threads (3);
  g_autoptr (WeftModel) model = NULL;
  guint32 q = P + 50;

  synth_syscall_begin (s, MS (20), P, P + 2, 230, -1);     /* clock_nanosleep */
  synth_switch_out (s, MS (20) + 10, P, P + 2, 1);
  synth_exit (s, MS (50), P, P + 1, 0, FALSE, 1);          /* worker returns */
  synth_wakeup (s, MS (60) - 4000, P, P, P, P + 2);        /* main's exit() kills daemon-beat */
  synth_exit (s, MS (60), P, P, 0, FALSE, 1);
  synth_switch_in (s, MS (80), P, P + 2);
  synth_exit (s, MS (80) + 20, P, P + 2, 0, TRUE, 1);

  synth_fork (s, MS (90), P, P, q, q, FALSE, "other");
  synth_fork (s, MS (91), q, q, q, q + 1, TRUE, "late");
  synth_syscall_begin (s, MS (92), q, q + 1, 230, -1);
  synth_switch_out (s, MS (92) + 10, q, q + 1, 1);
  synth_exit (s, MS (95), q, q, 0, FALSE, P);              /* pthread_exit */
  synth_wakeup (s, MS (95) + 2000, 0, 0, q, q + 1);        /* its own timer */
  synth_switch_in (s, MS (95) + 3000, q, q + 1);
  synth_syscall_end (s, MS (95) + 3100, q, q + 1, 230, -1, 0);
  synth_exit (s, MS (95) + 3200, q, q + 1, 0, TRUE, P);    /* returns soon after */
  synth_stop (s, MS (300), 0);
  model = synth_model (s);

  g_assert_true (met ("{\"kind\": \"cut_off\", \"min\": 1}", model));
  g_assert_false (met ("{\"kind\": \"cut_off\", \"min\": 2}", model));
}

/* A one-demo catalog with uprobes set to `value` (JSON text). */
static WeftDemoCatalog *
catalog_with_uprobes (const char *value, GError **error)
{
  g_autofree char *dir = g_dir_make_tmp ("weft-catalog-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "threads.json", NULL);
  g_autofree char *json = g_strdup_printf (
    "{ \"section\": \"threads\", \"order\": 4, \"title\": { \"en\": \"Threads\", \"zh_CN\": \"线程\" },"
    "  \"demos\": [ { \"id\": \"deadlock-uprobes-py\", \"language\": \"python\","
    "    \"program\": \"threads_deadlock.py\", \"uprobes\": %s,"
    "    \"title\": { \"en\": \"t\", \"zh_CN\": \"t\" }, \"description\": { \"en\": \"d\", \"zh_CN\": \"d\" },"
    "    \"look_for\": { \"en\": \"l\", \"zh_CN\": \"l\" },"
    "    \"tutorial\": { \"seed\": \"001_7718773f9e0442ec.txt\", \"section\": \"4.7 死锁与递归锁\" },"
    "    \"expect\": [ { \"kind\": \"deadlock\", \"type\": \"cycle\", \"threads\": 2 } ] } ] }", value);
  WeftDemoCatalog *catalog;

  g_assert_true (g_file_set_contents (file, json, -1, NULL));
  catalog = weft_demo_catalog_new_from_dir (dir, error);
  g_unlink (file);
  g_rmdir (dir);
  return catalog;
}

static void
test_uprobes_key (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (WeftDemoCatalog) with = catalog_with_uprobes ("true", &error);
  g_autoptr (WeftDemoCatalog) without = NULL, wrong = NULL;
  g_auto (GStrv) options = NULL, no_options = NULL;
  const WeftDemo *demo;

  g_assert_no_error (error);
  demo = weft_demo_catalog_get_demo (with, "deadlock-uprobes-py", &error);
  g_assert_no_error (error);
  g_assert_true (demo->uprobes);
  options = weft_demo_get_record_options (demo);
  g_assert_cmpuint (g_strv_length (options), ==, 1);
  g_assert_cmpstr (options[0], ==, "--uprobes");

  without = catalog_with_uprobes ("false", &error);
  g_assert_no_error (error);
  demo = weft_demo_catalog_get_demo (without, "deadlock-uprobes-py", &error);
  g_assert_false (demo->uprobes);
  no_options = weft_demo_get_record_options (demo);
  g_assert_cmpuint (g_strv_length (no_options), ==, 0);

  wrong = catalog_with_uprobes ("\"yes\"", &error);
  g_assert_null (wrong);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "uprobes"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/demos/check/lock-named-by-object", test_lock_named_by_object);
  g_test_add_func ("/demos/check/copy-on-write", test_copy_on_write);
  g_test_add_func ("/demos/check/max-threads", test_max_threads);
  g_test_add_func ("/demos/check/cut-off", test_cut_off);
  g_test_add_func ("/demos/check/queue-through-a-connection", test_queue_through_a_connection);
  g_test_add_func ("/demos/catalog/uprobes-key", test_uprobes_key);
  g_test_add_func ("/demos/check/max-threads-needs-max", test_max_threads_needs_max);
  return g_test_run ();
}
