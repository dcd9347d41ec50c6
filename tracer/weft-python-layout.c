/*
 * weft-python-layout.c: the CPython 3.11 offsets the coroutine probes
 * read, taken from python3.11-dev's internal headers at build time (never
 * typed by hand).  The only file that includes them: Py_BUILD_CORE turns
 * the interpreter's private structs visible.
 */
#define Py_BUILD_CORE 1
#include <Python.h>
#include <internal/pycore_code.h>
#include <internal/pycore_frame.h>
#include <internal/pycore_pystate.h>
#include <stddef.h>

#include "weft-python-layout.h"

guint32
weft_python_layout_built_version (void)
{
  return PY_VERSION_HEX;
}

void
weft_python_layout_fill (struct weft_pycoro_layout *layout)
{
  layout->ob_type = offsetof (PyObject, ob_type);
  layout->type_name = offsetof (PyTypeObject, tp_name);
  layout->ascii_size = sizeof (PyASCIIObject);
  layout->ascii_state = offsetof (PyASCIIObject, state);
  layout->bytes_data = offsetof (PyBytesObject, ob_sval);
  layout->bytes_size = offsetof (PyVarObject, ob_size);
  layout->frame_code = offsetof (_PyInterpreterFrame, f_code);
  layout->frame_previous = offsetof (_PyInterpreterFrame, previous);
  layout->frame_prev_instr = offsetof (_PyInterpreterFrame, prev_instr);
  layout->frame_owner = offsetof (_PyInterpreterFrame, owner);
  layout->owned_by_generator = FRAME_OWNED_BY_GENERATOR;
  layout->code_qualname = offsetof (PyCodeObject, co_qualname);
  layout->code_filename = offsetof (PyCodeObject, co_filename);
  layout->code_firstlineno = offsetof (PyCodeObject, co_firstlineno);
  layout->code_linetable = offsetof (PyCodeObject, co_linetable);
  layout->code_bytecode = offsetof (PyCodeObject, co_code_adaptive);
  layout->gen_iframe = offsetof (PyGenObject, gi_iframe);
  layout->gen_qualname = offsetof (PyGenObject, gi_qualname);
  layout->gen_frame_state = offsetof (PyGenObject, gi_frame_state);
  layout->frame_completed = FRAME_COMPLETED;
  layout->tstate_cframe = offsetof (PyThreadState, cframe);
  layout->cframe_current_frame = offsetof (_PyCFrame, current_frame);
}
