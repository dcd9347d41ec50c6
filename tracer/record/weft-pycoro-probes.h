/*
 * weft-pycoro-probes.h: the coroutine probes (greenlet, asyncio Task,
 * --generators) on the system's CPython 3.11: checking that weft knows
 * that interpreter, filling the layout the BPF programs read, attaching.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

struct weft_bpf;

/* Before the programs are loaded: checks /usr/bin/python3.X (the version
 * weft was built for) and fills the BPF layout.  Returns NULL when the
 * probes can go on, else one sentence saying why coroutines will not be
 * shown (the probes then do nothing). */
char *weft_pycoro_probes_prepare (struct weft_bpf *skel, gboolean generators);

/* After loading: attaches the probes by path, for every process on the
 * machine (the programs keep to traced ones), appending the links to
 * `links`.  Returns NULL, or one sentence saying what is not shown. */
char *weft_pycoro_probes_attach (struct weft_bpf *skel, gboolean generators, GPtrArray *links);

G_END_DECLS
