/* weft-coro-text.c: see weft-coro-text.h. */
#include "weft-coro-text.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "weft-event-text.h"

const char *
weft_coro_flavour_name (guint32 flavour)
{
  switch (flavour)
    {
    case WEFT_CORO_GREENLET:
      return "greenlet";
    case WEFT_CORO_TASK:
      return "task";
    case WEFT_CORO_GENERATOR:
      return "generator";
    default:
      return "coroutine";
    }
}

char *
weft_coro_field (const char *field, gsize size)
{
  g_autofree char *raw = g_strndup (field, size);

  return g_utf8_make_valid (raw, -1);
}

char *
weft_coro_label (guint32 flavour, const char *name, const char *coro_name)
{
  gboolean named = name && *name;

  if (flavour == WEFT_CORO_TASK)
    {
      if (coro_name && *coro_name)
        return g_strdup_printf ("%s %s()", named ? name : "Task", coro_name);
      return g_strdup (named ? name : "Task");
    }
  if (!named)
    return g_strdup (weft_coro_flavour_name (flavour));
  /* "<module>" is the program's own main flow: no call parentheses. */
  return g_strdup_printf ("%s %s%s", weft_coro_flavour_name (flavour), name, name[0] == '<' ? "" : "()");
}

void
weft_coro_format (GString *out, const struct weft_coro_switch *record)
{
  g_autofree char *name = weft_coro_field (record->name, sizeof record->name);
  g_autofree char *coro = weft_coro_field (record->coro_name, sizeof record->coro_name);
  g_autofree char *func = weft_coro_field (record->func, sizeof record->func);
  g_autofree char *file = weft_coro_field (record->file, sizeof record->file);
  g_autofree char *label = weft_coro_label (record->flavour, name, coro);
  g_autofree char *where = weft_py_frame_text (func, file, record->line);

  g_string_append_printf (out, "%s 0x%" G_GINT64_MODIFIER "x", label, (guint64) record->coro);
  if (record->op == WEFT_CORO_SUSPEND && (record->flags & WEFT_CORO_FINISHED))
    g_string_append (out, _(" finished"));
  else if (record->op == WEFT_CORO_SUSPEND && where)
    g_string_append_printf (out, _(" suspended at %s"), where);
  else if (record->op == WEFT_CORO_SUSPEND)
    g_string_append (out, _(" suspended"));
  else if (record->flags & WEFT_CORO_NEW)
    g_string_append_printf (out, _(" starts%s%s"), where ? " " : "", where ? where : "");
  else if (where)
    g_string_append_printf (out, _(" resumes at %s"), where);
  else
    g_string_append (out, _(" resumes"));
}
