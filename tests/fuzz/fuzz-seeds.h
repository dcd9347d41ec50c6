/*
 * fuzz-seeds.h: turns a real recorded trace into a small fuzz seed — its
 * first events, in raw (uncompressed) chunks of a few records each, so
 * that the fuzzer's mutations land on records rather than on zstd frames.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Writes the first max_events events of the trace at from (a .weft file)
 * to to, raw, records_per_chunk records a chunk.  Returns the number of
 * events written. */
gboolean weft_fuzz_write_seed (const char *from, const char *to, guint max_events,
                               guint records_per_chunk, guint *n_written, GError **error);

G_END_DECLS
