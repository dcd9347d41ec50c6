/* recorder-test-events.c */
#include "recorder-test-events.h"

#include <stdlib.h>
#include <string.h>

gint64
recorder_test_printed_number (const char *text, const char *label, guint nth)
{
  g_auto (GStrv) lines = g_strsplit (text ? text : "", "\n", -1);
  g_autofree char *prefix = g_strconcat (label, " ", NULL);

  for (guint i = 0; lines[i]; i++)
    if (g_str_has_prefix (lines[i], prefix) && nth-- == 0)
      return g_ascii_strtoll (lines[i] + strlen (prefix), NULL, 10);
  return -1;
}

guint64
recorder_test_lock_address (WeftTestTrace *trace, guint32 tgid, const char *name)
{
  for (guint i = 0; i < trace->events->len; i++)
    {
      const struct weft_lock_name *l = g_ptr_array_index (trace->events, i);

      if (l->h.kind == WEFT_EV_LOCK_NAME && l->h.tgid == tgid && g_strcmp0 (l->name, name) == 0)
        return l->addr;
    }
  return 0;
}

const char *
recorder_test_lock_name (WeftTestTrace *trace, guint32 tgid, guint64 addr)
{
  for (guint i = 0; i < trace->events->len; i++)
    {
      const struct weft_lock_name *l = g_ptr_array_index (trace->events, i);

      if (l->h.kind == WEFT_EV_LOCK_NAME && l->h.tgid == tgid && l->addr == addr)
        return l->name;
    }
  return NULL;
}

const struct weft_object *
recorder_test_object_at (WeftTestTrace *trace, guint upto, guint32 tgid, gint32 fd)
{
  const struct weft_object *found = NULL;

  for (guint i = 0; i < upto && i < trace->events->len; i++)
    {
      const struct weft_event_header *e = g_ptr_array_index (trace->events, i);

      if (e->tgid != tgid)
        continue;
      if (e->kind == WEFT_EV_OBJECT && ((const struct weft_object *) e)->fd == fd)
        found = (const void *) e;
      else if (e->kind == WEFT_EV_FD_CLOSE && ((const struct weft_fd_close *) e)->fd == fd)
        found = NULL;
    }
  return found;
}
