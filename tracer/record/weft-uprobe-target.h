/*
 * weft-uprobe-target.h: where in a shared library's file a function
 * starts, for attaching a uprobe.  libbpf 1.1 refuses a function name that
 * has several versioned symbols (glibc's sem_wait@GLIBC_2.2.5 and
 * sem_wait@@GLIBC_2.34), even when they are one function at one address.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The file offset of function `name` in the ELF file at `path`.  Versioned
 * aliases at one address are one function; when the versions differ, the
 * default one (name@@VERSION) is chosen. */
gboolean weft_uprobe_function_offset (const char *path, const char *name, guint64 *offset,
                                      GError **error);

G_END_DECLS
