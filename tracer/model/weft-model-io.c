/* weft-model-io.c */
#include "weft-model-private.h"

void
weft_model_io_event (WeftModel *self, const struct weft_event_header *event, guint64 t)
{
}

const char *
weft_syscall_name (guint32 nr)
{
  return NULL;
}
