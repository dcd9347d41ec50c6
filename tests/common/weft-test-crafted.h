/* weft-test-crafted.h: trace files made to break a reader (issue 17) —
 * test-crafted hands them to every command, and the fuzzers start from
 * the same shapes. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  WEFT_CRAFTED_CHAIN,        /* each process forks the next: a tree n deep */
  WEFT_CRAFTED_FAR_FUTURE,   /* a small trace and one event at 2^63 ns */
  WEFT_CRAFTED_MANY_CHILDREN, /* n children of one parent: fork, exit, reap */
  WEFT_CRAFTED_CHUNKS,       /* n forks in chunks of 100 */
} WeftCraftedShape;

/* Writes dir/name through the real writer (zstd chunks); returns its path. */
char *weft_test_write_crafted (const char *dir, const char *name, WeftCraftedShape shape, guint n);

G_END_DECLS
