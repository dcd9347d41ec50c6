/*
 * weft-py-inspect.c: a CPython 3.11 process read from outside.
 *
 * Reads go through pread() on /proc/PID/mem: one system call per object
 * part, nothing stopped, so what is read may be changing — every value is
 * bounded and checked before it is used as a size or followed as a pointer.
 */
#include "weft-py-inspect.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "weft-py-offsets.h"

#define MAX_STRING_CHARS 255
#define MAX_DICT_ENTRIES 1024
#define MAX_LINETABLE_BYTES (64 * 1024)
#define MAX_THREAD_WALK 1024

struct _WeftPyMemory {
  int fd;
};

WeftPyMemory *
weft_py_memory_open (pid_t pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/mem", pid);
  int fd = open (path, O_RDONLY | O_CLOEXEC);
  WeftPyMemory *memory;

  if (fd < 0)
    return NULL;
  memory = g_new (WeftPyMemory, 1);
  memory->fd = fd;
  return memory;
}

void
weft_py_memory_free (WeftPyMemory *memory)
{
  if (!memory)
    return;
  close (memory->fd);
  g_free (memory);
}

gboolean
weft_py_read (WeftPyMemory *memory, guint64 addr, void *buf, gsize len)
{
  if (!addr || addr > G_MAXINT64 - len)
    return FALSE;
  return pread (memory->fd, buf, len, (off_t) addr) == (ssize_t) len;
}

guint64
weft_py_read_ptr (WeftPyMemory *memory, guint64 addr)
{
  guint64 value = 0;

  return weft_py_read (memory, addr, &value, sizeof value) ? value : 0;
}

char *
weft_py_read_str (WeftPyMemory *memory, guint64 str)
{
  guint8 head[WEFT_PY_COMPACT_SIZE];
  gint64 length;
  guint32 state, kind;
  gboolean compact, ascii;
  g_autofree guint8 *data = NULL;
  gsize width;

  if (!weft_py_read (memory, str, head, sizeof head))
    return NULL;
  memcpy (&length, head + WEFT_PY_ASCII_LENGTH, sizeof length);
  memcpy (&state, head + WEFT_PY_ASCII_STATE, sizeof state);
  /* state: interned:2 kind:3 compact:1 ascii:1 ready:1 */
  kind = (state >> 2) & 7;
  compact = (state >> 5) & 1;
  ascii = (state >> 6) & 1;
  if (length < 0 || !compact || (kind != 1 && kind != 2 && kind != 4))
    return NULL;
  length = MIN (length, MAX_STRING_CHARS);
  if (ascii)
    {
      char *text = g_malloc0 (length + 1);

      if (!weft_py_read (memory, str + WEFT_PY_ASCII_SIZE, text, length) || !g_utf8_validate (text, length, NULL))
        return g_free (text), NULL;
      return text;
    }
  width = kind;
  data = g_malloc0 (length * width + 4);
  if (!weft_py_read (memory, str + WEFT_PY_COMPACT_SIZE, data, length * width))
    return NULL;
  {
    g_autofree gunichar *chars = g_new0 (gunichar, length + 1);

    for (gint64 i = 0; i < length; i++)
      {
        if (width == 1)
          chars[i] = data[i];
        else if (width == 2)
          chars[i] = ((guint16 *) data)[i];
        else
          chars[i] = ((guint32 *) data)[i];
        if (!g_unichar_validate (chars[i]))
          chars[i] = 0xfffd;
      }
    return g_ucs4_to_utf8 (chars, length, NULL, NULL, NULL);
  }
}

char *
weft_py_type_name (WeftPyMemory *memory, guint64 object)
{
  guint64 type = weft_py_read_ptr (memory, object + WEFT_PY_OBJECT_TYPE);
  guint64 name = weft_py_read_ptr (memory, type + WEFT_PY_TYPE_NAME);
  char text[64] = { 0 };

  if (!name || !weft_py_read (memory, name, text, sizeof text - 1))
    {
      /* The name may end closer than 63 bytes before unmapped memory. */
      for (gsize i = 0; name && i < sizeof text - 1; i++)
        if (!weft_py_read (memory, name + i, &text[i], 1) || !text[i])
          break;
      if (!text[0])
        return NULL;
    }
  text[sizeof text - 1] = '\0';
  return g_strdup (text);
}

/* Entries of a dict keys object: calls func with each str key and the
 * value from the entry or, for a split table, from values. */
static gboolean
keys_foreach (WeftPyMemory *memory, guint64 keys, guint64 values, WeftPyItemFunc func, gpointer data)
{
  guint8 head[WEFT_PY_DICTKEYS_INDICES];
  gint64 n_entries;
  guint8 log2_index_bytes, kind;
  gsize entry_size, key_at, value_at;
  g_autofree guint8 *entries = NULL;
  g_autofree guint64 *split = NULL;

  if (!weft_py_read (memory, keys, head, sizeof head))
    return FALSE;
  memcpy (&n_entries, head + WEFT_PY_DICTKEYS_NENTRIES, sizeof n_entries);
  log2_index_bytes = head[WEFT_PY_DICTKEYS_LOG2_INDEX_BYTES];
  kind = head[WEFT_PY_DICTKEYS_KIND];
  if (n_entries <= 0 || n_entries > MAX_DICT_ENTRIES || log2_index_bytes > 20)
    return FALSE;
  if (kind == WEFT_PY_DICT_KEYS_GENERAL)
    entry_size = WEFT_PY_DICT_KEY_ENTRY_SIZE, key_at = WEFT_PY_DICT_KEY_ENTRY_KEY, value_at = WEFT_PY_DICT_KEY_ENTRY_VALUE;
  else
    entry_size = WEFT_PY_DICT_UNICODE_ENTRY_SIZE, key_at = WEFT_PY_DICT_UNICODE_ENTRY_KEY,
    value_at = WEFT_PY_DICT_UNICODE_ENTRY_VALUE;
  entries = g_malloc (n_entries * entry_size);
  if (!weft_py_read (memory, keys + WEFT_PY_DICTKEYS_INDICES + ((guint64) 1 << log2_index_bytes), entries,
                     n_entries * entry_size))
    return FALSE;
  if (values)
    {
      split = g_new (guint64, n_entries);
      if (!weft_py_read (memory, values, split, n_entries * sizeof (guint64)))
        return FALSE;
    }
  for (gint64 i = 0; i < n_entries; i++)
    {
      guint64 key, value;
      g_autofree char *name = NULL;

      memcpy (&key, entries + i * entry_size + key_at, sizeof key);
      if (split)
        value = split[i];
      else
        memcpy (&value, entries + i * entry_size + value_at, sizeof value);
      if (!key || !value)
        continue;
      name = weft_py_read_str (memory, key);
      if (name && func (name, value, data))
        return TRUE;
    }
  return FALSE;
}

gboolean
weft_py_dict_foreach (WeftPyMemory *memory, guint64 dict, WeftPyItemFunc func, gpointer data)
{
  guint64 keys = weft_py_read_ptr (memory, dict + WEFT_PY_DICT_KEYS);
  guint64 values = weft_py_read_ptr (memory, dict + WEFT_PY_DICT_VALUES);

  return keys && keys_foreach (memory, keys, values, func, data);
}

gboolean
weft_py_attrs_foreach (WeftPyMemory *memory, guint64 object, WeftPyItemFunc func, gpointer data)
{
  guint64 type = weft_py_read_ptr (memory, object + WEFT_PY_OBJECT_TYPE);
  guint64 flags = weft_py_read_ptr (memory, type + WEFT_PY_TYPE_FLAGS);
  gint64 dictoffset = (gint64) weft_py_read_ptr (memory, type + WEFT_PY_TYPE_DICTOFFSET);

  if (!type)
    return FALSE;
  if (flags & WEFT_PY_TPFLAGS_MANAGED_DICT)
    {
      guint64 values = weft_py_read_ptr (memory, object - WEFT_PY_MANAGED_VALUES_BEFORE);

      if (values)
        {
          guint64 keys = weft_py_read_ptr (memory, type + WEFT_PY_HEAPTYPE_CACHED_KEYS);

          return keys && keys_foreach (memory, keys, values, func, data);
        }
      return weft_py_dict_foreach (memory, weft_py_read_ptr (memory, object - WEFT_PY_MANAGED_DICT_BEFORE), func, data);
    }
  if (dictoffset > 0 && dictoffset < 4096)
    return weft_py_dict_foreach (memory, weft_py_read_ptr (memory, object + dictoffset), func, data);
  return FALSE;
}

gboolean
weft_py_is_class_instance (WeftPyMemory *memory, guint64 object)
{
  guint64 type = weft_py_read_ptr (memory, object + WEFT_PY_OBJECT_TYPE);

  return type && (weft_py_read_ptr (memory, type + WEFT_PY_TYPE_FLAGS) & WEFT_PY_TPFLAGS_MANAGED_DICT);
}

typedef struct {
  const char *name;
  guint64 value;
} AttrSearch;

static gboolean
match_attr (const char *key, guint64 value, gpointer data)
{
  AttrSearch *search = data;

  if (strcmp (key, search->name) != 0)
    return FALSE;
  search->value = value;
  return TRUE;
}

guint64
weft_py_attr (WeftPyMemory *memory, guint64 object, const char *name)
{
  AttrSearch search = { name, 0 };

  weft_py_attrs_foreach (memory, object, match_attr, &search);
  return search.value;
}

guint64
weft_py_dict_get (WeftPyMemory *memory, guint64 dict, const char *name)
{
  AttrSearch search = { name, 0 };

  weft_py_dict_foreach (memory, dict, match_attr, &search);
  return search.value;
}

void
weft_py_code_clear (WeftPyCode *code)
{
  g_clear_pointer (&code->qualname, g_free);
  g_clear_pointer (&code->filename, g_free);
  g_clear_pointer (&code->linetable, g_bytes_unref);
}

gboolean
weft_py_read_code_fingerprint (WeftPyMemory *memory, guint64 code, guint64 fingerprint[4])
{
  guint8 head[WEFT_PY_CODE_LINETABLE + 8];

  if (!weft_py_read (memory, code, head, sizeof head))
    return FALSE;
  memcpy (&fingerprint[0], head + WEFT_PY_OBJECT_TYPE, 8);
  memcpy (&fingerprint[1], head + WEFT_PY_CODE_QUALNAME, 8);
  memcpy (&fingerprint[2], head + WEFT_PY_CODE_FILENAME, 8);
  memcpy (&fingerprint[3], head + WEFT_PY_CODE_LINETABLE, 8);
  return TRUE;
}

gboolean
weft_py_read_code (WeftPyMemory *memory, guint64 code, WeftPyCode *out)
{
  guint8 head[WEFT_PY_CODE_FIRSTTRACEABLE + 4];
  g_autofree char *type = NULL;
  guint64 linetable;
  gint64 table_len;

  memset (out, 0, sizeof *out);
  type = weft_py_type_name (memory, code);
  if (g_strcmp0 (type, "code") != 0 || !weft_py_read (memory, code, head, sizeof head) ||
      !weft_py_read_code_fingerprint (memory, code, out->fingerprint))
    return FALSE;
  memcpy (&out->first_line, head + WEFT_PY_CODE_FIRSTLINENO, 4);
  memcpy (&out->n_localsplus, head + WEFT_PY_CODE_NLOCALSPLUS, 4);
  memcpy (&out->first_traceable, head + WEFT_PY_CODE_FIRSTTRACEABLE, 4);
  memcpy (&out->localsplusnames, head + WEFT_PY_CODE_LOCALSPLUSNAMES, 8);
  out->qualname = weft_py_read_str (memory, out->fingerprint[1]);
  out->filename = weft_py_read_str (memory, out->fingerprint[2]);
  linetable = out->fingerprint[3];
  table_len = (gint64) weft_py_read_ptr (memory, linetable + WEFT_PY_VAR_SIZE);
  if (table_len > 0 && table_len <= MAX_LINETABLE_BYTES)
    {
      guint8 *bytes = g_malloc (table_len);

      if (weft_py_read (memory, linetable + WEFT_PY_BYTES_DATA, bytes, table_len))
        out->linetable = g_bytes_new_take (bytes, table_len);
      else
        g_free (bytes);
    }
  if (!out->qualname || !out->filename)
    {
      weft_py_code_clear (out);
      return FALSE;
    }
  return TRUE;
}

/* The location table's variable-length integers: 6 bits per byte, bit 6
 * set when another byte follows (Objects/locations.md in CPython). */
static gboolean
read_varint (const guint8 *table, gsize len, gsize *at, guint32 *out)
{
  guint32 value = 0;
  guint shift = 0;

  while (*at < len && shift < 32)
    {
      guint8 byte = table[(*at)++];

      value |= (guint32) (byte & 63) << shift;
      shift += 6;
      if (!(byte & 64))
        {
          *out = value;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
read_svarint (const guint8 *table, gsize len, gsize *at, gint32 *out)
{
  guint32 value;

  if (!read_varint (table, len, at, &value))
    return FALSE;
  *out = (value & 1) ? -(gint32) (value >> 1) : (gint32) (value >> 1);
  return TRUE;
}

gint32
weft_py_line_for_instr (const guint8 *table, gsize len, gint32 first_line, gint32 instr)
{
  gint64 line = first_line;
  gint64 unit = 0;
  gsize at = 0;

  if (instr < 0)
    return 0;
  while (at < len)
    {
      guint8 first = table[at++];
      guint code = (first >> 3) & 15;
      gint64 length = (first & 7) + 1;
      gint32 delta = 0;
      gboolean has_line = TRUE;
      guint32 skip;

      if (!(first & 0x80))
        return 0; /* not at an entry's start: a damaged table */
      switch (code)
        {
        case 15: /* no location */
          has_line = FALSE;
          break;
        case 14: /* long form: line delta, end line delta, column, end column */
          if (!read_svarint (table, len, &at, &delta) || !read_varint (table, len, &at, &skip) ||
              !read_varint (table, len, &at, &skip) || !read_varint (table, len, &at, &skip))
            return 0;
          break;
        case 13: /* no column */
          if (!read_svarint (table, len, &at, &delta))
            return 0;
          break;
        case 10:
        case 11:
        case 12: /* one line: delta in the code, two column bytes */
          delta = code - 10;
          at += 2;
          break;
        default: /* short form: same line, one column byte */
          at += 1;
          break;
        }
      line += delta;
      if (line < G_MININT32 || line > G_MAXINT32)
        return 0;
      if (instr < unit + length)
        return has_line && line > 0 ? (gint32) line : 0;
      unit += length;
    }
  return 0;
}

guint64
weft_py_find_tstate (WeftPyMemory *memory, guint64 runtime, guint32 tid)
{
  guint64 interp = weft_py_read_ptr (memory, runtime + WEFT_PY_RUNTIME_INTERPRETERS_HEAD);
  guint64 tstate = weft_py_read_ptr (memory, interp + WEFT_PY_INTERP_THREADS_HEAD);

  for (guint i = 0; tstate && i < MAX_THREAD_WALK; i++)
    {
      if (weft_py_read_ptr (memory, tstate + WEFT_PY_TSTATE_NATIVE_THREAD_ID) == tid)
        return tstate;
      tstate = weft_py_read_ptr (memory, tstate + WEFT_PY_TSTATE_NEXT);
    }
  return 0;
}

guint64
weft_py_current_frame (WeftPyMemory *memory, guint64 tstate)
{
  guint64 cframe = weft_py_read_ptr (memory, tstate + WEFT_PY_TSTATE_CFRAME);

  return weft_py_read_ptr (memory, cframe + WEFT_PY_CFRAME_CURRENT_FRAME);
}

guint64
weft_py_frame_code (WeftPyMemory *memory, guint64 frame)
{
  return weft_py_read_ptr (memory, frame + WEFT_PY_FRAME_CODE);
}

guint64
weft_py_frame_previous (WeftPyMemory *memory, guint64 frame)
{
  return weft_py_read_ptr (memory, frame + WEFT_PY_FRAME_PREVIOUS);
}

guint64
weft_py_frame_globals (WeftPyMemory *memory, guint64 frame)
{
  return weft_py_read_ptr (memory, frame + WEFT_PY_FRAME_GLOBALS);
}

guint64
weft_py_frame_local (WeftPyMemory *memory, guint64 frame, gint32 i)
{
  if (i < 0 || i > 4096)
    return 0;
  return weft_py_read_ptr (memory, frame + WEFT_PY_FRAME_LOCALSPLUS + (guint64) i * 8);
}

char *
weft_py_local_name (WeftPyMemory *memory, const WeftPyCode *code, gint32 i)
{
  gint64 n = (gint64) weft_py_read_ptr (memory, code->localsplusnames + WEFT_PY_VAR_SIZE);

  if (i < 0 || i >= n || i >= code->n_localsplus)
    return NULL;
  return weft_py_read_str (memory, weft_py_read_ptr (memory, code->localsplusnames + WEFT_PY_TUPLE_ITEMS + (guint64) i * 8));
}
