/* weft-show-coro.c: see weft-show-coro.h. */
#include "weft-show-coro.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "weft-cli-model.h"
#include "weft-model-coro.h"

#define SWITCHES_SHOWN 60 /* per thread; `weft dump` has them all */

static char *
row_label (const WeftCoroutine *c, guint indent)
{
  return g_strdup_printf ("%*s  ↳ %s", indent * 2, "", c->label);
}

guint
weft_show_coro_label_chars (WeftModel *model, guint32 tid, guint indent)
{
  GPtrArray *lanes = weft_model_thread_get_coroutines (model, tid);
  guint widest = 0;

  for (guint i = 0; lanes && i < lanes->len; i++)
    {
      g_autofree char *label = row_label (g_ptr_array_index (lanes, i), indent);

      widest = MAX (widest, (guint) g_utf8_strlen (label, -1));
    }
  return widest;
}

void
weft_show_coro_rows (WeftModel *model, guint32 tid, guint64 from, guint64 to, guint width, guint label_width,
                     guint indent)
{
  GPtrArray *lanes = weft_model_thread_get_coroutines (model, tid);
  guint n_runs = 0;
  const WeftCoroRun *runs = weft_model_thread_get_coro_runs (model, tid, &n_runs);
  guint64 end = weft_model_get_end_ns (model);
  double column_ns = (double) (to - from) / width;
  g_autoptr (GString) line = g_string_new (NULL);

  for (guint i = 0; lanes && i < lanes->len; i++)
    {
      const WeftCoroutine *c = g_ptr_array_index (lanes, i);
      g_autofree char *label = row_label (c, indent);
      g_autofree char *cells = g_strnfill (width, ' ');
      glong label_chars = g_utf8_strlen (label, -1);

      for (guint r = 0; r < n_runs; r++)
        {
          const WeftCoroRun *run = &runs[r];
          guint64 run_end = run->end_ns == WEFT_TIME_NONE ? end : run->end_ns;
          guint first, last;

          if (run->coroutine != c->index || run_end < from || run->start_ns > to)
            continue;
          /* Any time in a column marks it: a switch lasts microseconds. */
          first = run->start_ns <= from ? 0 : (guint) ((run->start_ns - from) / column_ns);
          last = run_end >= to ? width - 1 : (guint) ((run_end - from) / column_ns);
          for (guint col = first; col <= last && col < width; col++)
            cells[col] = '=';
        }
      g_string_truncate (line, 0);
      /* The arrow is one column wide but three bytes: pad by characters. */
      if (label_chars > (glong) label_width)
        g_string_append_len (line, label, g_utf8_offset_to_pointer (label, label_width) - label);
      else
        g_string_append_printf (line, "%s%*s", label, (int) (label_width - label_chars), "");
      g_string_append_printf (line, " |%s|", cells);
      puts (line->str);
    }
}

static void
show_thread_switches (WeftModel *model, guint32 tid, guint64 from, guint64 to)
{
  guint n_runs = 0, shown = 0, left = 0;
  const WeftCoroRun *runs = weft_model_thread_get_coro_runs (model, tid, &n_runs);

  printf (_("coroutine switches in thread %u:\n"), tid);
  for (guint r = 0; r < n_runs; r++)
    {
      const WeftCoroRun *run = &runs[r];
      const WeftCoroutine *c = weft_model_get_coroutine (model, run->coroutine);
      g_autofree char *at = weft_cli_format_seconds (run->start_ns);

      if (run->start_ns < from || run->start_ns > to)
        continue;
      if (shown == SWITCHES_SHOWN)
        {
          left++;
          continue;
        }
      shown++;
      printf ("  %12s  %s", at, c->label);
      if (run->resumed_at)
        printf (_(" resumes at %s"), run->resumed_at);
      else
        printf (_(" runs"));
      if (run->end_ns != WEFT_TIME_NONE)
        {
          g_autofree char *length = weft_cli_format_seconds (run->end_ns - run->start_ns);

          if (run->finished)
            printf (_(", for %s, and finishes"), length);
          else if (run->suspended_at)
            printf (_(", for %s, until suspended at %s"), length, run->suspended_at);
          else
            printf (_(", for %s"), length);
        }
      printf ("\n");
    }
  if (left)
    printf (_("  … and %u more (weft dump shows every switch)\n"), left);
}

void
weft_show_coro_switches (WeftModel *model, guint64 from, guint64 to)
{
  GHashTable *seen = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < weft_model_get_n_coroutines (model); i++)
    {
      const WeftCoroutine *c = weft_model_get_coroutine (model, i);

      if (g_hash_table_add (seen, GUINT_TO_POINTER (c->tid)))
        show_thread_switches (model, c->tid, from, to);
    }
  g_hash_table_unref (seen);
}
