/*
 * weft-symbols.h: names an address in a live process — the symbol of a
 * global ("mutex_a"), or "heap", "stack", "[libfoo.so]" — from
 * /proc/PID/maps and the ELF symbol tables of the mapped files.  Used at
 * record time, because the process is gone when the trace is read.
 */
#pragma once

#include <glib-object.h>
#include <sys/types.h>

G_BEGIN_DECLS

#define WEFT_TYPE_SYMBOLS (weft_symbols_get_type ())
G_DECLARE_FINAL_TYPE (WeftSymbols, weft_symbols, WEFT, SYMBOLS, GObject)

WeftSymbols *weft_symbols_new (void);

/* What addr is in process pid: "name" or "name+0x10" for a symbol, "heap",
 * "stack", "[basename]" for an unnamed address in a mapped file, "anon"
 * for another anonymous mapping, or NULL when the process or the address
 * is gone.  Maps are cached per pid and read again on a miss; ELF symbol
 * tables are cached per file. */
char *weft_symbols_describe (WeftSymbols *self, pid_t pid, guint64 addr);

/* The address in process pid of the data symbol `name` of any file it
 * has mapped ("_PyRuntime"); FALSE when none has it or the process is gone. */
gboolean weft_symbols_find (WeftSymbols *self, pid_t pid, const char *name, guint64 *addr);

/* The data symbol `name` of the ELF file at path, as the kernel will
 * load it: its distance from the start of the code (mm->start_code, the
 * same in every process that runs the file, PIE or not), and its first
 * value_size bytes from the file.  FALSE when the file has no such
 * symbol or its bytes are not in the file. */
gboolean weft_symbols_find_in_file (const char *path, const char *name, gint64 *from_start_code, void *value,
                                    gsize value_size);

/* The process exec'd or exited: its mappings are no longer valid. */
void weft_symbols_forget_process (WeftSymbols *self, pid_t pid);

G_END_DECLS
