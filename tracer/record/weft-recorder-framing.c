/*
 * weft-recorder-framing.c: the records that frame a recording — its start,
 * its stop (with what was lost) and the machine's stolen cpu time at both
 * ends.  The recorder writes them, so every program that records (the CLI,
 * the viewer through it) frames a trace the same way.
 */
#include "weft-recorder.h"

#include <stdio.h>
#include <unistd.h>

#include "events.h"

/* The machine's stolen cpu time so far (/proc/stat "steal", all cpus): in
 * a virtual machine a thread whose cpu the host took away still looks as
 * if it ran, and the model wants to know how much that can be. */
static gboolean
write_cpu_steal (WeftRecorder *self, pid_t root_pid, GError **error)
{
  struct weft_cpu_steal steal = { 0 };
  g_autofree char *stat = NULL;
  guint64 ticks[8] = { 0 };

  if (!g_file_get_contents ("/proc/stat", &stat, NULL, NULL) ||
      sscanf (stat, "cpu %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT
              " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT,
              &ticks[0], &ticks[1], &ticks[2], &ticks[3], &ticks[4], &ticks[5], &ticks[6], &ticks[7]) != 8)
    return TRUE; /* no such counter here: nothing to say */
  steal.steal_ns = ticks[7] * (G_GUINT64_CONSTANT (1000000000) / (guint64) sysconf (_SC_CLK_TCK));
  return weft_recorder_write_synthetic (self, &steal, sizeof steal, WEFT_EV_CPU_STEAL, root_pid, root_pid,
                                        error);
}

gboolean
weft_recorder_write_start (WeftRecorder *self, pid_t root_pid, GError **error)
{
  struct weft_event_header start = { 0 };

  return weft_recorder_write_synthetic (self, &start, sizeof start, WEFT_EV_RECORD_START,
                                        root_pid, root_pid, error) &&
         write_cpu_steal (self, root_pid, error);
}

gboolean
weft_recorder_write_stop (WeftRecorder *self, WeftTraceWriter *writer, pid_t root_pid,
                          guint64 *lost_events, GError **error)
{
  struct weft_record_stop stop = { 0 };

  if (!write_cpu_steal (self, root_pid, error))
    return FALSE;
  stop.lost_events = weft_recorder_get_lost_events (self);
  if (lost_events)
    *lost_events = stop.lost_events; /* the count the file's trailer repeats */
  stop.events = weft_trace_writer_get_n_events (writer);
  return weft_recorder_write_synthetic (self, &stop, sizeof stop, WEFT_EV_RECORD_STOP,
                                        root_pid, root_pid, error);
}
