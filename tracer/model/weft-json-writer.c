/* weft-json-writer.c: streaming JSON in json-glib's pretty layout. */
#include "weft-json-writer.h"

#include <errno.h>

/* Nesting is decided by weft's own documents, never by a trace. */
#define MAX_DEPTH 16

typedef struct {
  gboolean object;
  guint n_items;
} Level;

struct _WeftJsonWriter {
  FILE *out;
  Level levels[MAX_DEPTH];
  guint depth;
  gboolean after_member; /* a member name was written: its value follows inline */
};

WeftJsonWriter *
weft_json_writer_new (FILE *out)
{
  WeftJsonWriter *self = g_new0 (WeftJsonWriter, 1);

  self->out = out;
  return self;
}

gboolean
weft_json_writer_finish (WeftJsonWriter *self)
{
  gboolean ok;

  g_warn_if_fail (self->depth == 0);
  fputc ('\n', self->out);
  ok = fflush (self->out) == 0 && !ferror (self->out);
  if (!ok && errno == 0)
    errno = EIO;
  g_free (self);
  return ok;
}

static void
indent (WeftJsonWriter *self, guint depth)
{
  fputc ('\n', self->out);
  for (guint i = 0; i < depth; i++)
    fputs ("  ", self->out);
}

/* Where a value goes: inline after its member's name, or on its own line
 * as an array's next item. */
static void
before_value (WeftJsonWriter *self)
{
  Level *level;

  if (self->after_member)
    {
      self->after_member = FALSE;
      return;
    }
  if (self->depth == 0)
    return;
  level = &self->levels[self->depth - 1];
  g_return_if_fail (!level->object);
  if (level->n_items++)
    fputc (',', self->out);
  indent (self, self->depth);
}

void
weft_json_member (WeftJsonWriter *self, const char *name)
{
  Level *level;

  g_return_if_fail (self->depth > 0 && !self->after_member);
  level = &self->levels[self->depth - 1];
  g_return_if_fail (level->object);
  if (level->n_items++)
    fputc (',', self->out);
  indent (self, self->depth);
  weft_json_put_string (self->out, name);
  fputs (" : ", self->out);
  self->after_member = TRUE;
}

static void
begin (WeftJsonWriter *self, gboolean object)
{
  g_return_if_fail (self->depth < MAX_DEPTH);
  before_value (self);
  fputc (object ? '{' : '[', self->out);
  self->levels[self->depth++] = (Level) { object, 0 };
}

static void
end (WeftJsonWriter *self, gboolean object)
{
  Level *level;

  g_return_if_fail (self->depth > 0 && !self->after_member);
  level = &self->levels[self->depth - 1];
  g_return_if_fail (level->object == object);
  self->depth--;
  if (level->n_items)
    indent (self, self->depth);
  fputc (object ? '}' : ']', self->out);
}

void
weft_json_begin_object (WeftJsonWriter *self)
{
  begin (self, TRUE);
}

void
weft_json_end_object (WeftJsonWriter *self)
{
  end (self, TRUE);
}

void
weft_json_begin_array (WeftJsonWriter *self)
{
  begin (self, FALSE);
}

void
weft_json_end_array (WeftJsonWriter *self)
{
  end (self, FALSE);
}

void
weft_json_int (WeftJsonWriter *self, gint64 value)
{
  before_value (self);
  fprintf (self->out, "%" G_GINT64_FORMAT, value);
}

void
weft_json_bool (WeftJsonWriter *self, gboolean value)
{
  before_value (self);
  fputs (value ? "true" : "false", self->out);
}

void
weft_json_null (WeftJsonWriter *self)
{
  before_value (self);
  fputs ("null", self->out);
}

void
weft_json_string (WeftJsonWriter *self, const char *text)
{
  before_value (self);
  if (text)
    weft_json_put_string (self->out, text);
  else
    fputs ("null", self->out);
}

void
weft_json_put_string (FILE *out, const char *text)
{
  g_autofree char *valid = NULL;

  if (!text)
    text = "";
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);
  fputc ('"', out);
  for (const unsigned char *p = (const unsigned char *) text; *p; p++)
    switch (*p)
      {
      case '"':
      case '\\':
        fputc ('\\', out);
        fputc (*p, out);
        break;
      case '\n':
        fputs ("\\n", out);
        break;
      case '\t':
        fputs ("\\t", out);
        break;
      case '\r':
        fputs ("\\r", out);
        break;
      default:
        if (*p < 0x20 || *p == 0x7f)
          fprintf (out, "\\u%04x", *p);
        else
          fputc (*p, out);
      }
  fputc ('"', out);
}
