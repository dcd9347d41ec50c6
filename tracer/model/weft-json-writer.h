/*
 * weft-json-writer.h: JSON written as it is produced, to a stream.
 *
 * Building a document in memory first (JsonBuilder, then a generator)
 * cost ~7.7 KB per process of `weft stats --json`: 2.3 GB for a trace of
 * 300 000 processes.  This writer keeps only its nesting.  The layout is
 * json-glib's pretty one (two spaces, `"key" : value`), so documents read
 * the same as before.
 */
#pragma once

#include <glib.h>
#include <stdio.h>

G_BEGIN_DECLS

typedef struct _WeftJsonWriter WeftJsonWriter;

WeftJsonWriter *weft_json_writer_new (FILE *out);
/* Ends the document with a newline and flushes it; FALSE (errno set) when
 * the stream failed at any point.  Frees the writer. */
gboolean weft_json_writer_finish (WeftJsonWriter *self);

void weft_json_begin_object (WeftJsonWriter *self);
void weft_json_end_object (WeftJsonWriter *self);
void weft_json_begin_array (WeftJsonWriter *self);
void weft_json_end_array (WeftJsonWriter *self);
/* The next value is this member's. */
void weft_json_member (WeftJsonWriter *self, const char *name);
void weft_json_int (WeftJsonWriter *self, gint64 value);
void weft_json_bool (WeftJsonWriter *self, gboolean value);
void weft_json_null (WeftJsonWriter *self);
/* NULL is written as null. */
void weft_json_string (WeftJsonWriter *self, const char *text);

/* text as a JSON string literal, quotes included: control characters
 * escaped, bytes that are not UTF-8 (a file's names may hold any)
 * replaced by U+FFFD so that the document stays valid. */
void weft_json_put_string (FILE *out, const char *text);

G_END_DECLS
