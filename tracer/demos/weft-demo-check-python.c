/* weft-demo-check-python.c: see weft-demo-check-python.h. */
#include "weft-demo-check-python.h"

#include <string.h>

/* "Bank.withdraw" is found as itself, and as "withdraw". */
static gboolean
names_function (const char *qualname, const char *wanted)
{
  gsize q = strlen (qualname), w = strlen (wanted);

  return strcmp (qualname, wanted) == 0 || (q > w && qualname[q - w - 1] == '.' && strcmp (qualname + q - w, wanted) == 0);
}

static gboolean
thread_named (WeftModel *model, const char *name)
{
  GPtrArray *processes = weft_model_get_processes (model);

  for (guint p = 0; p < processes->len; p++)
    {
      const WeftProcess *process = g_ptr_array_index (processes, p);

      for (guint t = 0; t < process->threads->len; t++)
        if (strcmp (weft_thread_get_label (g_ptr_array_index (process->threads, t)), name) == 0)
          return TRUE;
    }
  return FALSE;
}

static gboolean
stack_passes_through (const WeftWaitInfo *info, const char *function)
{
  for (guint i = 0; i < info->n_frames; i++)
    if (names_function (info->frames[i].function, function))
      return TRUE;
  return FALSE;
}

guint64
weft_demo_find_python_waits (const WeftDemoExpect *expect, WeftModel *model, char **detail)
{
  GPtrArray *processes = weft_model_get_processes (model);
  g_autoptr (GString) missing = g_string_new (NULL);
  g_autoptr (GHashTable) in_threads = g_hash_table_new (NULL, NULL);
  guint64 waits = 0;

  for (guint i = 0; expect->names && expect->names[i]; i++)
    if (!thread_named (model, expect->names[i]))
      g_string_append_printf (missing, "%s%s", missing->len ? ", " : "", expect->names[i]);
  if (missing->len)
    {
      *detail = g_strdup_printf ("no thread named %s", missing->str);
      return 0;
    }
  for (guint p = 0; p < processes->len; p++)
    {
      const WeftProcess *process = g_ptr_array_index (processes, p);

      for (guint t = 0; t < process->threads->len; t++)
        {
          const WeftThread *thread = g_ptr_array_index (process->threads, t);
          guint n = weft_model_thread_n_intervals (model, thread);
          guint32 seen = 0;

          for (guint i = 0; i < n; i++)
            {
              WeftStateInterval in;
              WeftWaitInfo info;

              weft_model_thread_get_interval (model, thread, i, &in);
              /* One wait can cover several intervals (runnable inside it). */
              if (!in.wait || in.wait == seen || !weft_model_get_wait_info (model, in.wait, &info))
                continue;
              seen = in.wait;
              if (!stack_passes_through (&info, expect->function))
                continue;
              waits++;
              g_hash_table_add (in_threads, (gpointer) thread);
            }
        }
    }
  *detail = g_strdup_printf ("in %u threads", g_hash_table_size (in_threads));
  return waits;
}
