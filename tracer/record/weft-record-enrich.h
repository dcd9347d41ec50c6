/*
 * weft-record-enrich.h: what only user space can add to the kernel's
 * events while recording — names of lock addresses (the process is gone
 * when the trace is read) and the epoll interest lists, so that an
 * epoll_wait shows which fds it watches and which were ready.
 */
#pragma once

#include <glib-object.h>
#include "events.h"

G_BEGIN_DECLS

#define WEFT_TYPE_RECORD_ENRICHER (weft_record_enricher_get_type ())
G_DECLARE_FINAL_TYPE (WeftRecordEnricher, weft_record_enricher, WEFT, RECORD_ENRICHER, GObject)

/* Receives every record to store, in order. */
typedef gboolean (*WeftRecordEmitFunc) (const struct weft_event_header *record, gpointer data,
                                        GError **error);

WeftRecordEnricher *weft_record_enricher_new (void);

/* The BPF maps where the Python stack walk finds each process's
 * interpreter, and each checked interpreter binary (see weft-py-enrich.h). */
void weft_record_enricher_set_python_maps (WeftRecordEnricher *self, int processes_fd, int binaries_fd);

/* The program at path may run Python: see weft_py_enricher_expect_program(). */
void weft_record_enricher_expect_program (WeftRecordEnricher *self, const char *path);

/* Passes event on to emit, preceded or followed by the records it implies
 * (LOCK_NAME before the first wait on an address, the watched FDSET after
 * an epoll_wait BEGIN) and with epoll ready entries mapped back to fds. */
gboolean weft_record_enricher_feed (WeftRecordEnricher *self, const struct weft_event_header *event,
                                    WeftRecordEmitFunc emit, gpointer data, GError **error);

G_END_DECLS
