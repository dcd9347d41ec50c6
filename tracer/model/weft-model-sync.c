/* weft-model-sync.c */
#include "weft-model-private.h"

void
weft_model_sync_event (WeftModel *self, const struct weft_event_header *event, guint64 t)
{
}

void
weft_model_check_stalls (WeftModel *self, guint64 t)
{
}
