/* weft-demo-check-coro.c: see weft-demo-check-coro.h. */
#include "weft-demo-check-coro.h"

#include <string.h>

#include "weft-coro-text.h"
#include "weft-model-coro.h"

static gboolean
has_all_names (const WeftDemoExpect *expect, GPtrArray *lanes)
{
  for (guint n = 0; expect->names && expect->names[n]; n++)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < lanes->len && !found; i++)
        {
          const WeftCoroutine *c = g_ptr_array_index (lanes, i);

          found = c->flavour == expect->flavour && strstr (c->label, g_strstrip (expect->names[n])) != NULL;
        }
      if (!found)
        return FALSE;
    }
  return TRUE;
}

guint64
weft_demo_find_coroutines (const WeftDemoExpect *expect, WeftModel *model, char **detail)
{
  GHashTable *done = g_hash_table_new (NULL, NULL);
  guint64 best = 0, best_lanes = 0;

  for (guint i = 0; i < weft_model_get_n_coroutines (model); i++)
    {
      const WeftCoroutine *c = weft_model_get_coroutine (model, i);
      GPtrArray *lanes;
      const WeftCoroRun *runs;
      guint n_runs = 0, n_lanes = 0;
      guint64 turns = 0;
      gint64 last = -1;

      if (!g_hash_table_add (done, GUINT_TO_POINTER (c->tid)))
        continue;
      lanes = weft_model_thread_get_coroutines (model, c->tid);
      for (guint l = 0; l < lanes->len; l++)
        if (((const WeftCoroutine *) g_ptr_array_index (lanes, l))->flavour == expect->flavour)
          n_lanes++;
      best_lanes = MAX (best_lanes, n_lanes);
      if (n_lanes < expect->lanes || !has_all_names (expect, lanes))
        continue;
      runs = weft_model_thread_get_coro_runs (model, c->tid, &n_runs);
      for (guint r = 0; r < n_runs; r++)
        {
          const WeftCoroutine *ran = weft_model_get_coroutine (model, runs[r].coroutine);

          if (ran->flavour != expect->flavour)
            continue;
          /* Every run after the first is a switch into one of them. */
          if (last >= 0)
            turns++;
          last = ran->index;
        }
      best = MAX (best, turns);
    }
  g_hash_table_unref (done);
  *detail = g_strdup_printf ("at most %" G_GUINT64_FORMAT " %s lanes in a thread", best_lanes,
                             weft_coro_flavour_name (expect->flavour));
  return best;
}
