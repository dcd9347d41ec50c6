/*
 * test-json-writer.c: the streaming JSON writer of `weft stats --json`.
 * Its documents parse back to what was written, with json-glib; names
 * from a trace file (any bytes) never make the document invalid.
 */
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "weft-json-writer.h"

static char *
write_document (const char *name)
{
  char *text = NULL;
  gsize size = 0;
  FILE *out = open_memstream (&text, &size);
  WeftJsonWriter *w = weft_json_writer_new (out);

  weft_json_begin_object (w);
  weft_json_member (w, "name");
  weft_json_string (w, name);
  weft_json_member (w, "missing");
  weft_json_string (w, NULL);
  weft_json_member (w, "numbers");
  weft_json_begin_array (w);
  weft_json_int (w, G_MININT64);
  weft_json_int (w, G_MAXINT64);
  weft_json_end_array (w);
  weft_json_member (w, "empty");
  weft_json_begin_array (w);
  weft_json_end_array (w);
  weft_json_member (w, "nested");
  weft_json_begin_array (w);
  weft_json_begin_object (w);
  weft_json_member (w, "ok");
  weft_json_bool (w, TRUE);
  weft_json_end_object (w);
  weft_json_end_array (w);
  weft_json_end_object (w);
  g_assert_true (weft_json_writer_finish (w));
  fclose (out);
  return text;
}

static JsonObject *
parse (JsonParser *parser, const char *text)
{
  g_autoptr (GError) error = NULL;

  if (!json_parser_load_from_data (parser, text, -1, &error))
    g_error ("not JSON (%s):\n%s", error->message, text);
  return json_node_get_object (json_parser_get_root (parser));
}

/* Quotes, backslashes, control characters and CJK come back as written. */
static void
test_round_trip (void)
{
  const char *name = "a \"quoted\" \\ path\n\t\x01 线程-1";
  g_autofree char *text = write_document (name);
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *root = parse (parser, text);
  JsonArray *numbers = json_object_get_array_member (root, "numbers");

  g_assert_cmpstr (json_object_get_string_member (root, "name"), ==, name);
  g_assert_true (json_object_get_null_member (root, "missing"));
  g_assert_cmpint (json_array_get_int_element (numbers, 0), ==, G_MININT64);
  g_assert_cmpint (json_array_get_int_element (numbers, 1), ==, G_MAXINT64);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "empty")), ==, 0);
  g_assert_true (json_object_get_boolean_member (
    json_array_get_object_element (json_object_get_array_member (root, "nested"), 0), "ok"));
  /* json-glib's pretty layout, as the documents had before. */
  g_assert_nonnull (strstr (text, "{\n  \"name\" : \"a \\\"quoted\\\""));
  g_assert_true (g_str_has_suffix (text, "\n}\n"));
}

/* A comm or path from a crafted file need not be UTF-8. */
static void
test_invalid_utf8 (void)
{
  g_autofree char *text = write_document ("py\xff\xfe-thread\xc3");
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *root = parse (parser, text);
  const char *name = json_object_get_string_member (root, "name");

  g_assert_true (g_utf8_validate (name, -1, NULL));
  g_assert_true (g_str_has_prefix (name, "py"));
  g_assert_nonnull (strstr (name, "-thread"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/json-writer/round-trip", test_round_trip);
  g_test_add_func ("/json-writer/invalid-utf8", test_invalid_utf8);
  return g_test_run ();
}
