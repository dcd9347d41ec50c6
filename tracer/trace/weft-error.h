/* weft-error.h: the error domain for everything a user can get wrong. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define WEFT_ERROR (weft_error_quark ())

typedef enum {
  WEFT_ERROR_FAILED,
  WEFT_ERROR_NOT_A_TRACE,     /* wrong magic */
  WEFT_ERROR_VERSION,         /* a version this build cannot read */
  WEFT_ERROR_TRUNCATED,       /* ends in the middle of a record or chunk */
  WEFT_ERROR_CORRUPT,         /* checksum or structure is wrong */
  WEFT_ERROR_PERMISSION,      /* not root / no CAP_BPF */
  WEFT_ERROR_UNSUPPORTED,     /* kernel lacks BTF or an attach point */
  WEFT_ERROR_COMMAND,         /* the command to trace cannot be run */
  WEFT_ERROR_NO_PROCESS,      /* -p PID does not exist */
  WEFT_ERROR_USAGE,
} WeftError;

GQuark weft_error_quark (void);

G_END_DECLS
