/*
 * weft-model-words.c: the model's facts in a few translated words, for
 * the timeline's bar labels, arrows and details pane (weft-model-describe.c
 * says the same in whole sentences for `weft show`).
 */
#include "weft-model-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "weft-event-text.h"

char
weft_state_interval_stat_letter (const WeftStateInterval *interval)
{
  if (interval->stat && interval->stat != '?')
    return interval->stat;
  return weft_thread_state_stat_letter (interval->state);
}

void
weft_wait_words_clear (WeftWaitWords *words)
{
  g_clear_pointer (&words->object, g_free);
  memset (words, 0, sizeof *words);
}

static char *
wait_object_words (WeftModel *self, WeftThreadState state, const WeftWaitInfo *wait)
{
  switch (state)
    {
    case WEFT_STATE_LOCK:
      return weft_model_lock_wait_object (wait, NULL);
    case WEFT_STATE_GIL:
      return wait->lock ? weft_lock_label (wait->lock) : NULL;
    case WEFT_STATE_JOIN:
      if (wait->lock && wait->lock->joined_tid)
        {
          g_autofree char *joined = weft_model_name_thread (self, wait->lock->joined_tid);

          /* Translators: a thread waits for this thread (name and tid) to end. */
          return g_strdup_printf (_("join %s"), joined);
        }
      return NULL;
    case WEFT_STATE_IO:
      if (wait->object)
        return g_strdup (wait->object->label);
      return wait->fd >= 0 ? g_strdup_printf ("fd %d", wait->fd) : NULL;
    case WEFT_STATE_SELECT:
      if (wait->n_fds > 0)
        {
          g_autofree char *watched = weft_model_describe_fds (self, wait, FALSE);
          g_autofree char *ready = weft_model_describe_fds (self, wait, TRUE);

          /* The ready ones first: a bar's label is cut at its end. */
          if (*ready)
            return g_strdup_printf (_("ready %s of fds %s"), ready, watched);
          return g_strdup_printf (_("fds %s"), watched);
        }
      return NULL;
    case WEFT_STATE_CHILD:
      if (wait->child_pid > 0)
        return g_strdup_printf (_("pid %d"), wait->child_pid);
      return g_strdup (_("any child"));
    default:
      return NULL;
    }
}

void
weft_model_describe_wait (WeftModel *self, const WeftStateInterval *interval, WeftWaitWords *out)
{
  WeftThreadState state = weft_model_known_state (self, interval->state);
  WeftWaitInfo wait = { .fd = -1 };

  memset (out, 0, sizeof *out);
  if (!interval->wait || !weft_model_get_wait_info (self, interval->wait, &wait))
    return;
  out->syscall = wait.syscall_name;
  if (out->syscall == NULL && (state == WEFT_STATE_LOCK || state == WEFT_STATE_JOIN || state == WEFT_STATE_GIL))
    out->syscall = "futex";
  out->object = wait_object_words (self, state, &wait);
  /* "join 42 held by 42" says nothing more than "join 42". */
  out->holder_tid = wait.lock && wait.lock->joined_tid ? 0 : wait.holder_tid;
  out->waker_tid = wait.woken_by_tid;
}

char *
weft_model_describe_flow (WeftModel *self, const WeftFlow *flow)
{
  switch (flow->kind)
    {
    case WEFT_FLOW_PIPE:
    case WEFT_FLOW_MQ:
    case WEFT_FLOW_SOCKET:
      if (flow->detail < self->objects->len)
        return g_strdup (((WeftObject *) g_ptr_array_index (self->objects, flow->detail))->label);
      return NULL;
    case WEFT_FLOW_SIGNAL:
      {
        const char *name = weft_signal_lookup (flow->detail);

        return name ? g_strdup (name) : g_strdup_printf (_("signal %u"), flow->detail);
      }
    default:
      /* A child's exit has its pill at one end and the wait at the other:
       * it needs no words. */
      return NULL;
    }
}

char *
weft_model_describe_python_stack (WeftModel *self, const WeftThread *thread, guint64 t)
{
  WeftStateInterval in;
  WeftWaitInfo info;
  GString *text;
  gint index = weft_model_thread_find_interval (self, thread, t);

  if (index < 0)
    return NULL;
  weft_model_thread_get_interval (self, thread, index, &in);
  if (!in.wait || !weft_model_get_wait_info (self, in.wait, &info) || info.n_frames == 0)
    return NULL;
  text = g_string_new (NULL);
  for (guint i = 0; i < info.n_frames; i++)
    {
      const WeftPyFrame *frame = &info.frames[i];
      g_autofree char *words = weft_py_frame_text (frame->function, frame->filename, frame->line);
      g_autofree char *source = weft_py_frame_source_line (frame);

      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, words ? words : "?");
      /* On a line of its own: the details pane is narrow, and a frame
       * and its source run together when they wrap. */
      if (source)
        g_string_append_printf (text, "\n    %s", source);
    }
  if (info.frames_partial)
    g_string_append_printf (text, "\n%s", _("… (the stack was read in part)"));
  return g_string_free (text, FALSE);
}
