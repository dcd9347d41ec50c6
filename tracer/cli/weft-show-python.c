/*
 * weft-show-python.c: the Python part of `weft show` — where each Python
 * thread waited longest, in the program's words, and why stacks are
 * missing when they are.
 */
#include "weft-show-python.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "weft-cli-model.h"
#include "weft-event-text.h"

#define SHOWN_FRAMES 4

static gboolean
in_subtree (const WeftProcess *p, int pid)
{
  for (; p; p = p->parent)
    if ((int) p->pid == pid)
      return TRUE;
  return FALSE;
}

static void
show_thread (WeftModel *model, const WeftThread *thread, guint64 from, guint64 to, gboolean *header)
{
  g_autoptr (GArray) intervals = weft_model_thread_intervals (model, thread, from, to);
  WeftStateInterval longest = { 0 };
  WeftWaitInfo info;
  g_autofree char *what = NULL;
  g_autofree char *lasted = NULL;

  for (guint i = 0; i < intervals->len; i++)
    {
      const WeftStateInterval *in = &g_array_index (intervals, WeftStateInterval, i);

      if (in->wait && weft_model_get_wait_info (model, in->wait, &info) && info.n_frames > 0 &&
          in->end_ns - in->start_ns > longest.end_ns - longest.start_ns)
        longest = *in;
    }
  if (!longest.wait || !weft_model_get_wait_info (model, longest.wait, &info))
    return;
  if (!*header)
    {
      printf ("%s\n", _("Python threads, where each waited longest ([S], [D]: its ps STAT letter):"));
      *header = TRUE;
    }
  what = weft_model_describe_interval (model, &longest);
  lasted = weft_cli_format_seconds (longest.end_ns - longest.start_ns);
  printf ("  %s (%u): %s, %s\n", weft_thread_get_label (thread), thread->tid, what, lasted);
  for (guint i = 0; i < info.n_frames && i < SHOWN_FRAMES; i++)
    {
      g_autofree char *frame = weft_py_frame_text (info.frames[i].function, info.frames[i].filename, info.frames[i].line);
      g_autofree char *source = weft_py_frame_source_line (&info.frames[i]);

      printf ("      %s %s%s%s\n", i == 0 ? "at" : "  ", frame ? frame : "?", source ? "   " : "", source ? source : "");
    }
  if (info.n_frames > SHOWN_FRAMES || info.frames_partial)
    printf ("         %s\n", info.frames_partial ? _("… (the stack was read in part)") : "...");
}

void
weft_show_python_waits (WeftModel *model, guint64 from, guint64 to, int pid)
{
  GPtrArray *processes = weft_model_get_processes (model);
  const char *note = weft_model_get_first_python_note (model);
  gboolean header = FALSE;

  for (guint i = 0; i < processes->len; i++)
    {
      const WeftProcess *p = g_ptr_array_index (processes, i);

      if (pid > 0 && !in_subtree (p, pid))
        continue;
      for (guint j = 0; j < p->threads->len; j++)
        show_thread (model, g_ptr_array_index (p->threads, j), from, to, &header);
    }
  if (note)
    printf ("%s\n", note);
}

void
weft_show_python_stall_hint (WeftModel *model, const WeftDeadlock *deadlock)
{
  guint32 tid;
  const WeftThread *thread;

  if (deadlock->kind != WEFT_DEADLOCK_STALL || deadlock->tids->len == 0)
    return;
  tid = g_array_index (deadlock->tids, guint32, 0);
  thread = weft_model_lookup_thread (model, tid);
  if (!thread || !thread->python_name)
    return;
  printf ("  %s\n", _("A threading.Lock keeps no owner, so this recording shows who waits but not who holds: "
                      "record with `weft record --uprobes` (it sees every acquire, about 1 µs each) "
                      "to see the cycle and who holds each lock."));
}
