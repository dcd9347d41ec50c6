/* SPDX-License-Identifier: LGPL-2.1-or-later OR BSD-2-Clause */
/*
 * pycoro-layout.h: where the coroutine probes find things in CPython 3.11
 * that only the running interpreter can tell (offsets are in the generated
 * weft-py-offsets.h): user space fills it from the interpreter's symbols
 * after checking its version; the BPF programs read it as constant data.
 * `valid` is 0 until then: every probe does nothing.
 */
#ifndef WEFT_PYCORO_LAYOUT_H
#define WEFT_PYCORO_LAYOUT_H

#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif

struct weft_pycoro_layout {
  __u32 valid;      /* the interpreter at the path the probes are on was checked */
  __u32 generators; /* --generators: the generator probe and the syscall check are on */
  /* Type objects (the interpreter is not position independent). */
  __u64 code_type;
  __u64 unicode_type;
  __u64 coro_type;
  __u64 gen_type;
};

#endif
