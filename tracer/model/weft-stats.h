/*
 * weft-stats.h: the `weft stats --json` document (format_version 1).
 * Stable: keys may be added, never change meaning.  See issue 4 and
 * docs/stats-json.md.
 */
#pragma once

#include <stdio.h>

#include "weft-model.h"

G_BEGIN_DECLS

/* Writes the document to out as it goes (memory does not grow with the
 * number of processes), ending with a newline.  FALSE, errno set, when
 * out failed. */
gboolean weft_stats_write_json (WeftModel *model, FILE *out);

/* The same document as text. */
char *weft_stats_to_json_string (WeftModel *model);

G_END_DECLS
