/*
 * weft-export-chrome.h: Chrome trace-event JSON (ui.perfetto.dev,
 * chrome://tracing): process and thread names, state slices, flows,
 * zombie and deadlock markers.
 */
#pragma once

#include "weft-model.h"

G_BEGIN_DECLS

gboolean weft_export_chrome_json (WeftModel *model, const char *path, GError **error);

G_END_DECLS
