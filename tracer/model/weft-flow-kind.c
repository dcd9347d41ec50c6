/* weft-flow-kind.c: the columns of WEFT_FLOW_KINDS and WEFT_FLOW_CLASSES,
 * as lookups (the colours are read by tracer/render/weft-timeline-palette.c). */
#include "weft-flow-kind.h"

#include <glib/gi18n-lib.h>

typedef struct {
  const char *key;
  WeftFlowClass klass;
} FlowKindRow;

#define WEFT_FLOW_KIND_ROW(name, key, klass) [WEFT_FLOW_##name] = { key, WEFT_FLOW_CLASS_##klass },
static const FlowKindRow kinds[WEFT_N_FLOW_KINDS] = { WEFT_FLOW_KINDS (WEFT_FLOW_KIND_ROW) };
#undef WEFT_FLOW_KIND_ROW

#define WEFT_FLOW_CLASS_LABEL(name, label, colour, presentation) [WEFT_FLOW_CLASS_##name] = label,
static const char *const class_labels[WEFT_N_FLOW_CLASSES] = { WEFT_FLOW_CLASSES (WEFT_FLOW_CLASS_LABEL) };
#undef WEFT_FLOW_CLASS_LABEL

const char *
weft_flow_kind_name (WeftFlowKind kind)
{
  return (guint) kind < WEFT_N_FLOW_KINDS ? kinds[kind].key : "flow";
}

WeftFlowClass
weft_flow_kind_class (WeftFlowKind kind)
{
  return (guint) kind < WEFT_N_FLOW_KINDS ? kinds[kind].klass : WEFT_FLOW_CLASS_DATA;
}

const char *
weft_flow_class_label (WeftFlowClass klass)
{
  return (guint) klass < WEFT_N_FLOW_CLASSES ? _(class_labels[klass]) : "";
}
