/*
 * weft-stats.h: the `weft stats --json` document (format_version 1).
 * Stable: keys may be added, never change meaning.  See issue 4 and
 * docs/stats-json.md.
 */
#pragma once

#include <json-glib/json-glib.h>
#include "weft-model.h"

G_BEGIN_DECLS

JsonNode *weft_stats_to_json (WeftModel *model);

/* The same document as pretty-printed text (ends with a newline). */
char *weft_stats_to_json_string (WeftModel *model);

G_END_DECLS
