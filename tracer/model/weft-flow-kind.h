/*
 * weft-flow-kind.h: the arrows between threads — every kind of flow, and
 * the classes the viewer shows and switches them by, once.
 *
 *   WEFT_FLOW_CLASSES (X): X (NAME, label, colour, presentation)
 *     label      its name in the legend and the View menu (translated)
 *     colour, presentation  its arrows' colour, normal and for projectors
 *   WEFT_FLOW_KINDS (X): X (NAME, key, CLASS)
 *     key        its word in JSON and the chrome export
 *     CLASS      the class it is drawn and switched with
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define WEFT_FLOW_CLASSES(X)                                 \
  X (DATA, N_("pipe/queue"), 0xe66100, 0xd05000)             \
  X (SIGNAL, N_("signal"), 0xc061cb, 0xb000b0)               \
  X (WAKEUP, N_("wakeup"), 0x1c71d8, 0x0040d0)               \
  X (CHILD, N_("child exit"), 0x26a269, 0x007a30)            \
  X (LOCK, N_("lock hand-off"), 0xa51d2d, 0x900000)

/* PIPE, MQ, SOCKET: a write, then the read that got its bytes.
 * SIGNAL: sender -> receiver (at delivery).  WAKEUP: waker -> wakee.
 * CHILD_EXIT: a child's exit -> its parent's wait returning it.
 * LOCK_HANDOFF: a futex wake -> the waiter's wait ending with the lock. */
#define WEFT_FLOW_KINDS(X)                  \
  X (PIPE, "pipe", DATA)                    \
  X (MQ, "mq", DATA)                        \
  X (SOCKET, "socket", DATA)                \
  X (SIGNAL, "signal", SIGNAL)              \
  X (WAKEUP, "wakeup", WAKEUP)              \
  X (CHILD_EXIT, "child-exit", CHILD)       \
  X (LOCK_HANDOFF, "lock-handoff", LOCK)

#define WEFT_FLOW_CLASS_ENUM(name, ...) WEFT_FLOW_CLASS_##name,
typedef enum { WEFT_FLOW_CLASSES (WEFT_FLOW_CLASS_ENUM) WEFT_N_FLOW_CLASSES } WeftFlowClass;
#undef WEFT_FLOW_CLASS_ENUM

/* A set of classes, a bit each: what the viewer draws. */
#define WEFT_FLOW_MASK_ENUM(name, ...) WEFT_FLOW_MASK_##name = 1 << WEFT_FLOW_CLASS_##name,
typedef enum { WEFT_FLOW_CLASSES (WEFT_FLOW_MASK_ENUM) WEFT_FLOW_MASK_ALL = (1 << WEFT_N_FLOW_CLASSES) - 1 } WeftFlowMask;
#undef WEFT_FLOW_MASK_ENUM

#define WEFT_FLOW_KIND_ENUM(name, ...) WEFT_FLOW_##name,
typedef enum { WEFT_FLOW_KINDS (WEFT_FLOW_KIND_ENUM) WEFT_N_FLOW_KINDS } WeftFlowKind;
#undef WEFT_FLOW_KIND_ENUM

/* "pipe", "child-exit", ...; "flow" for a kind this build does not know. */
const char *weft_flow_kind_name (WeftFlowKind kind);
/* The class it is drawn and switched with (DATA for an unknown kind). */
WeftFlowClass weft_flow_kind_class (WeftFlowKind kind);
/* "pipe/queue", "child exit", ..., translated. */
const char *weft_flow_class_label (WeftFlowClass klass);

G_END_DECLS
