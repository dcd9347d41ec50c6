/*
 * test-event-merge: the per-cpu ring buffers' records come out as one
 * stream in time order, each exactly once, and only up to the time every
 * ring has been read past.
 */
#include <gio/gio.h>
#include <string.h>

#include "weft-event-merge.h"

typedef struct {
  GArray *ts;   /* guint64: what the sink got, in order */
  GArray *cpu;  /* guint: the header's cpu */
  guint fail_after; /* 0: never fail */
} Sunk;

static gboolean
sink (const struct weft_event_header *record, gpointer user_data, GError **error)
{
  Sunk *sunk = user_data;
  guint64 ts = record->ts;
  guint cpu = record->cpu;

  g_assert_cmpuint ((guintptr) record % 8, ==, 0); /* headers start with a u64 */
  g_array_append_val (sunk->ts, ts);
  g_array_append_val (sunk->cpu, cpu);
  if (sunk->fail_after && sunk->ts->len == sunk->fail_after)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "disk full");
      return FALSE;
    }
  return TRUE;
}

/* A record of `size` bytes (a header and a payload of its own time). */
static void
add (WeftEventMerge *merge, guint cpu, guint64 ts, guint16 size)
{
  guint8 buffer[64] = { 0 };
  struct weft_event_header *h = (void *) buffer;

  g_assert_cmpuint (size, <=, sizeof buffer);
  h->ts = ts;
  h->cpu = cpu;
  h->size = size;
  h->kind = WEFT_EV_SWITCH_IN;
  weft_event_merge_add (merge, cpu, h);
}

static void
sunk_init (Sunk *sunk)
{
  sunk->ts = g_array_new (FALSE, FALSE, sizeof (guint64));
  sunk->cpu = g_array_new (FALSE, FALSE, sizeof (guint));
  sunk->fail_after = 0;
}

static void
sunk_clear (Sunk *sunk)
{
  g_array_unref (sunk->ts);
  g_array_unref (sunk->cpu);
}

static void
test_interleaves_by_time (void)
{
  g_autoptr (WeftEventMerge) merge = weft_event_merge_new (3);
  g_autoptr (GError) error = NULL;
  Sunk sunk;
  const guint64 want[] = { 5, 10, 15, 20, 25, 30, 40, 50 };

  sunk_init (&sunk);
  /* Sizes that are not multiples of 8 must not misalign the next record. */
  add (merge, 0, 10, 28);
  add (merge, 0, 20, sizeof (struct weft_event_header));
  add (merge, 0, 40, 36);
  add (merge, 1, 5, 44);
  add (merge, 1, 25, 30);
  add (merge, 1, 50, 28);
  add (merge, 2, 15, 32);
  add (merge, 2, 30, 28);
  g_assert_cmpuint (weft_event_merge_get_n_pending (merge), ==, 8);
  g_assert_cmpuint (weft_event_merge_get_last_ts (merge, 1), ==, 50);
  g_assert_true (weft_event_merge_flush (merge, G_MAXUINT64, sink, &sunk, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sunk.ts->len, ==, G_N_ELEMENTS (want));
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    g_assert_cmpuint (g_array_index (sunk.ts, guint64, i), ==, want[i]);
  g_assert_cmpuint (weft_event_merge_get_n_pending (merge), ==, 0);
  sunk_clear (&sunk);
}

static void
test_holds_back_what_is_newer (void)
{
  g_autoptr (WeftEventMerge) merge = weft_event_merge_new (2);
  Sunk sunk;

  sunk_init (&sunk);
  add (merge, 0, 10, 24);
  add (merge, 0, 30, 24);
  add (merge, 1, 20, 24);
  g_assert_true (weft_event_merge_flush (merge, 25, sink, &sunk, NULL));
  g_assert_cmpuint (sunk.ts->len, ==, 2); /* 10 and 20; 30 waits */
  g_assert_cmpuint (weft_event_merge_get_n_pending (merge), ==, 1);

  /* A later read of cpu 1 brings 28: it still goes before the kept 30. */
  add (merge, 1, 28, 24);
  g_assert_true (weft_event_merge_flush (merge, 100, sink, &sunk, NULL));
  g_assert_cmpuint (sunk.ts->len, ==, 4);
  g_assert_cmpuint (g_array_index (sunk.ts, guint64, 2), ==, 28);
  g_assert_cmpuint (g_array_index (sunk.ts, guint64, 3), ==, 30);
  sunk_clear (&sunk);
}

static void
test_equal_times_keep_cpu_and_ring_order (void)
{
  g_autoptr (WeftEventMerge) merge = weft_event_merge_new (2);
  Sunk sunk;

  sunk_init (&sunk);
  /* Within one cpu, ring order stands even when a time goes backwards
   * (a record stamped by an interrupt inside another's reservation). */
  add (merge, 1, 7, 24);
  add (merge, 1, 6, 24);
  add (merge, 0, 7, 24);
  g_assert_true (weft_event_merge_flush (merge, G_MAXUINT64, sink, &sunk, NULL));
  g_assert_cmpuint (sunk.ts->len, ==, 3);
  g_assert_cmpuint (g_array_index (sunk.cpu, guint, 0), ==, 0);
  g_assert_cmpuint (g_array_index (sunk.cpu, guint, 1), ==, 1);
  g_assert_cmpuint (g_array_index (sunk.ts, guint64, 1), ==, 7);
  g_assert_cmpuint (g_array_index (sunk.ts, guint64, 2), ==, 6);
  sunk_clear (&sunk);
}

static void
test_sink_failure_stops (void)
{
  g_autoptr (WeftEventMerge) merge = weft_event_merge_new (1);
  g_autoptr (GError) error = NULL;
  Sunk sunk;

  sunk_init (&sunk);
  for (guint64 t = 1; t <= 5; t++)
    add (merge, 0, t, 24);
  sunk.fail_after = 2;
  g_assert_false (weft_event_merge_flush (merge, G_MAXUINT64, sink, &sunk, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_cmpuint (sunk.ts->len, ==, 2);
  g_assert_cmpuint (weft_event_merge_get_n_pending (merge), ==, 3);
  sunk_clear (&sunk);
}

static void
test_many_rounds_stay_small (void)
{
  g_autoptr (WeftEventMerge) merge = weft_event_merge_new (2);
  Sunk sunk;
  guint64 t = 0;

  sunk_init (&sunk);
  /* A long recording: flushes leave nothing behind that was handed on. */
  for (guint round = 0; round < 1000; round++)
    {
      for (guint i = 0; i < 50; i++, t += 2)
        {
          add (merge, 0, t, 24);
          add (merge, 1, t + 1, 32);
        }
      g_assert_true (weft_event_merge_flush (merge, t - 20, sink, &sunk, NULL));
      g_assert_cmpuint (weft_event_merge_get_n_pending (merge), <=, 20);
    }
  g_assert_true (weft_event_merge_flush (merge, G_MAXUINT64, sink, &sunk, NULL));
  g_assert_cmpuint (sunk.ts->len, ==, 100000);
  for (guint i = 1; i < sunk.ts->len; i++)
    g_assert_cmpuint (g_array_index (sunk.ts, guint64, i), ==, g_array_index (sunk.ts, guint64, i - 1) + 1);
  sunk_clear (&sunk);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/event-merge/interleaves-by-time", test_interleaves_by_time);
  g_test_add_func ("/event-merge/holds-back-what-is-newer", test_holds_back_what_is_newer);
  g_test_add_func ("/event-merge/equal-times-keep-cpu-and-ring-order", test_equal_times_keep_cpu_and_ring_order);
  g_test_add_func ("/event-merge/sink-failure-stops", test_sink_failure_stops);
  g_test_add_func ("/event-merge/many-rounds-stay-small", test_many_rounds_stay_small);
  return g_test_run ();
}
