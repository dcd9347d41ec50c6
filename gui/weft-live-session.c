/* weft-live-session.c: the recorder as a child, its stream into the model. */
#include "weft-live-session.h"

#include <glib/gi18n.h>
#include <string.h>

#include "weft-error.h"
#include "weft-record-access.h"

#define READ_SIZE 65536

struct _WeftLiveSession {
  GObject parent_instance;

  GSubprocess *recorder;
  WeftRecordAccess access;
  GOutputStream *stop_pipe;
  GCancellable *cancellable;
  WeftModel *model;
  GByteArray *trace;   /* every byte of the stream, for Save */
  GString *messages;   /* the recorder's stderr */
  char *error;
  char *title;
  guint64 n_events_streamed;
  gboolean stream_done, messages_done, exited;
  gboolean finished;
};

enum { SIGNAL_UPDATED, SIGNAL_FINISHED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (WeftLiveSession, weft_live_session, G_TYPE_OBJECT)

static void
weft_live_session_dispose (GObject *object)
{
  WeftLiveSession *self = WEFT_LIVE_SESSION (object);

  /* A viewer that goes away ends the recording: the recorder sees its
   * stop pipe close and ends the traced tree. */
  g_cancellable_cancel (self->cancellable);
  if (self->stop_pipe)
    g_output_stream_close (self->stop_pipe, NULL, NULL);
  g_clear_object (&self->stop_pipe);
  g_clear_object (&self->recorder);
  G_OBJECT_CLASS (weft_live_session_parent_class)->dispose (object);
}

static void
weft_live_session_finalize (GObject *object)
{
  WeftLiveSession *self = WEFT_LIVE_SESSION (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->model);
  g_byte_array_unref (self->trace);
  g_string_free (self->messages, TRUE);
  g_free (self->error);
  g_free (self->title);
  G_OBJECT_CLASS (weft_live_session_parent_class)->finalize (object);
}

static void
weft_live_session_class_init (WeftLiveSessionClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = weft_live_session_dispose;
  G_OBJECT_CLASS (klass)->finalize = weft_live_session_finalize;
  signals[SIGNAL_UPDATED] = g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                          NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                           NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
weft_live_session_init (WeftLiveSession *self)
{
  self->cancellable = g_cancellable_new ();
  self->model = weft_model_new ();
  self->trace = g_byte_array_new ();
  self->messages = g_string_new (NULL);
}

WeftLiveSession *
weft_live_session_new (void)
{
  return g_object_new (WEFT_TYPE_LIVE_SESSION, NULL);
}

/* The recorder's own sentence, in the user's language: its last "weft: "
 * line (streaming to us, it prints no summary and no warnings, which the
 * model shows anyway). */
static char *
recorder_sentence (const char *messages)
{
  g_auto (GStrv) lines = g_strsplit (messages, "\n", -1);
  const char *found = NULL;

  for (guint i = 0; lines[i]; i++)
    if (g_str_has_prefix (lines[i], "weft: "))
      found = lines[i] + strlen ("weft: ");
  return found ? g_strdup (found) : NULL;
}

static void
decide_error (WeftLiveSession *self)
{
  int status = g_subprocess_get_if_exited (self->recorder) ? g_subprocess_get_exit_status (self->recorder) : -1;

  if (self->error)
    return;
  self->error = recorder_sentence (self->messages->str);
  if (self->error)
    return;
  if (self->access == WEFT_RECORD_ACCESS_PKEXEC && (status == 126 || status == 127) && self->trace->len == 0)
    self->error = g_strdup (_("Recording was not authorised: pkexec asked for a password that was not given."));
  else if (self->trace->len == 0)
    self->error = g_strdup_printf (_("The recorder stopped before recording anything (exit status %d)."), status);
}

static void
maybe_finish (WeftLiveSession *self)
{
  if (self->finished || !self->stream_done || !self->messages_done || !self->exited)
    return;
  self->finished = TRUE;
  g_clear_object (&self->stop_pipe);
  decide_error (self);
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0);
}

static void read_stream (WeftLiveSession *self);
static void read_messages (WeftLiveSession *self);

static void
end_stream (WeftLiveSession *self)
{
  g_autoptr (GError) error = NULL;
  gboolean truncated = FALSE;

  self->stream_done = TRUE;
  if (self->trace->len > 0 && !self->error && !weft_model_finish_feed (self->model, &truncated, &error))
    self->error = g_strdup (error->message);
  self->n_events_streamed = weft_model_get_n_events (self->model);
  g_signal_emit (self, signals[SIGNAL_UPDATED], 0);
  maybe_finish (self);
}

static void
on_stream_read (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (WeftLiveSession) self = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  gsize size;
  const guint8 *chunk;

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (bytes == NULL || g_bytes_get_size (bytes) == 0)
    {
      end_stream (self);
      return;
    }
  chunk = g_bytes_get_data (bytes, &size);
  g_byte_array_append (self->trace, chunk, size);
  if (!self->error && !weft_model_feed (self->model, chunk, size, &error))
    {
      /* Keep the bytes (Save still writes what came), stop the tree. */
      self->error = g_strdup (error->message);
      weft_live_session_stop (self);
    }
  g_signal_emit (self, signals[SIGNAL_UPDATED], 0);
  read_stream (self);
}

static void
read_stream (WeftLiveSession *self)
{
  g_input_stream_read_bytes_async (g_subprocess_get_stdout_pipe (self->recorder), READ_SIZE, G_PRIORITY_HIGH,
                                   self->cancellable, on_stream_read, g_object_ref (self));
}

static void
on_messages_read (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (WeftLiveSession) self = data;
  g_autoptr (GBytes) bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, NULL);

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (bytes == NULL || g_bytes_get_size (bytes) == 0)
    {
      self->messages_done = TRUE;
      maybe_finish (self);
      return;
    }
  g_string_append_len (self->messages, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  read_messages (self);
}

static void
read_messages (WeftLiveSession *self)
{
  g_input_stream_read_bytes_async (g_subprocess_get_stderr_pipe (self->recorder), 4096, G_PRIORITY_DEFAULT,
                                   self->cancellable, on_messages_read, g_object_ref (self));
}

static void
on_exited (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (WeftLiveSession) self = data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  self->exited = TRUE;
  maybe_finish (self);
}

gboolean
weft_live_session_start (WeftLiveSession *self, const char *const *command, const char *directory,
                         const char *tty_path, GError **error)
{
  g_autofree char *recorder_path = weft_record_access_recorder_path ();
  g_autoptr (GPtrArray) argv = NULL;

  g_return_val_if_fail (self->recorder == NULL, FALSE);
  if (!command || !command[0])
    {
      g_set_error (error, WEFT_ERROR, WEFT_ERROR_USAGE, _("Type the command to run, for example: python3 pool.py"));
      return FALSE;
    }
  if (!weft_record_access_detect (recorder_path, &self->access, error))
    return FALSE;

  argv = weft_record_access_argv (recorder_path, self->access);
  g_ptr_array_add (argv, g_strdup ("record"));
  g_ptr_array_add (argv, g_strdup ("--live-fd=1"));
  g_ptr_array_add (argv, g_strdup ("--stop-fd=0"));
  if (tty_path)
    g_ptr_array_add (argv, g_strdup_printf ("--tty=%s", tty_path));
  if (directory && *directory)
    g_ptr_array_add (argv, g_strdup_printf ("--directory=%s", directory));
  g_ptr_array_add (argv, g_strdup ("--"));
  for (guint i = 0; command[i]; i++)
    g_ptr_array_add (argv, g_strdup (command[i]));
  g_ptr_array_add (argv, NULL);

  self->recorder = g_subprocess_newv ((const char *const *) argv->pdata,
                                      G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE,
                                      error);
  if (!self->recorder)
    return FALSE;
  self->title = g_strjoinv (" ", (char **) command);
  self->stop_pipe = g_object_ref (g_subprocess_get_stdin_pipe (self->recorder));
  read_stream (self);
  read_messages (self);
  g_subprocess_wait_async (self->recorder, self->cancellable, on_exited, g_object_ref (self));
  return TRUE;
}

void
weft_live_session_stop (WeftLiveSession *self)
{
  if (!self->stop_pipe)
    return;
  g_output_stream_write_all (self->stop_pipe, "s", 1, NULL, NULL, NULL);
  g_output_stream_close (self->stop_pipe, NULL, NULL);
  g_clear_object (&self->stop_pipe);
}

gboolean
weft_live_session_is_running (WeftLiveSession *self)
{
  return self->recorder != NULL && !self->finished;
}

WeftModel *
weft_live_session_get_model (WeftLiveSession *self)
{
  return self->model;
}

GBytes *
weft_live_session_get_bytes (WeftLiveSession *self)
{
  return g_bytes_new (self->trace->data, self->trace->len);
}

guint64
weft_live_session_get_n_events_streamed (WeftLiveSession *self)
{
  return self->n_events_streamed;
}

gsize
weft_live_session_get_size (WeftLiveSession *self)
{
  return self->trace->len;
}

gboolean
weft_live_session_save (WeftLiveSession *self, const char *path, GError **error)
{
  g_return_val_if_fail (self->finished, FALSE);
  if (self->trace->len == 0)
    {
      g_set_error (error, WEFT_ERROR, WEFT_ERROR_FAILED, _("Nothing was recorded, so there is nothing to save."));
      return FALSE;
    }
  return g_file_set_contents_full (path, (const char *) self->trace->data, self->trace->len,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}

const char *
weft_live_session_get_error (WeftLiveSession *self)
{
  return self->error;
}

const char *
weft_live_session_get_title (WeftLiveSession *self)
{
  return self->title ? self->title : "";
}
