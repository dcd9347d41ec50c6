/* weft-model-sched.c */
#include "weft-model-private.h"

void
weft_model_sched_event (WeftModel *self, const struct weft_event_header *event, guint64 t)
{
}
