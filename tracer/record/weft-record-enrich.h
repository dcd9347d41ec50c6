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

/* The BPF map where the Python stack walk finds each process's
 * interpreter (see weft-py-enrich.h). */
void weft_record_enricher_set_python_map_fd (WeftRecordEnricher *self, int map_fd);

/* Passes event on to emit, preceded or followed by the records it implies
 * (LOCK_NAME before the first wait on an address, the watched FDSET after
 * an epoll_wait BEGIN) and with epoll ready entries mapped back to fds. */
gboolean weft_record_enricher_feed (WeftRecordEnricher *self, const struct weft_event_header *event,
                                    WeftRecordEmitFunc emit, gpointer data, GError **error);

G_END_DECLS
