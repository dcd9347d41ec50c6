/* weft-model-describe.c */
#include "weft-model-private.h"

gboolean
weft_model_get_wait_info (WeftModel *self, guint32 wait, WeftWaitInfo *out)
{
  return FALSE;
}

char *
weft_model_describe_interval (WeftModel *self, const WeftStateInterval *interval)
{
  return g_strdup (weft_thread_state_name (interval->state));
}
