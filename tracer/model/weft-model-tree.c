/* weft-model-tree.c */
#include "weft-model-private.h"

void
weft_model_tree_event (WeftModel *self, const struct weft_event_header *event, guint64 t)
{
}
