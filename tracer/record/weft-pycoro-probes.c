/*
 * weft-pycoro-probes.c: see weft-pycoro-probes.h.
 *
 * Attached by path (pid -1), not per process: the traced program's
 * children and the greenlet module it loads later are covered with no
 * race, and the BPF side drops other processes at the first map lookup.
 * Their cost to other Python 3.11 processes on the machine while a
 * recording runs is one trap (~1 µs) per greenlet switch, per `await` /
 * `yield from` (PyIter_Send), per dict deletion by hash from C code, and
 * with --generators per entry into Python from C (docs/coroutines.md).
 */
#include "weft-pycoro-probes.h"
#include "weft-py-offsets.h"
#include "weft-uprobe-target.h"

#include <glib/gi18n-lib.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <string.h>
#include <unistd.h>

#include "pycoro-layout.h" /* the skeleton's rodata holds one */
#include "weft.skel.h"

/* The greenlet whose layout bpf/pycoro.bpf.h knows. */
#define GREENLET_KNOWN_VERSION "2.0."

typedef struct {
  const char *name;
  GElf_Addr value;
  gboolean found;
} WantedSymbol;

static char *
python_path (void)
{
  guint32 built = WEFT_PY_VERSION_HEX;

  return g_strdup_printf ("/usr/bin/python%u.%u", built >> 24, (built >> 16) & 0xff);
}

static char *
greenlet_path (void)
{
  guint32 built = WEFT_PY_VERSION_HEX;

  return g_strdup_printf ("/usr/lib/python3/dist-packages/greenlet/_greenlet.cpython-%u%u-x86_64-linux-gnu.so",
                          built >> 24, (built >> 16) & 0xff);
}

/* Data symbols' addresses, and whether the file is position independent. */
static gboolean
read_symbols (const char *path, WantedSymbol *wanted, gsize n_wanted, gboolean *is_exec, Elf **keep, int *keep_fd)
{
  Elf_Scn *scn = NULL;
  GElf_Ehdr ehdr;
  Elf *elf;
  int fd;

  if (elf_version (EV_CURRENT) == EV_NONE || (fd = open (path, O_RDONLY | O_CLOEXEC)) < 0)
    return FALSE;
  elf = elf_begin (fd, ELF_C_READ, NULL);
  if (!elf || !gelf_getehdr (elf, &ehdr))
    {
      if (elf)
        elf_end (elf);
      close (fd);
      return FALSE;
    }
  *is_exec = ehdr.e_type == ET_EXEC;
  while ((scn = elf_nextscn (elf, scn)))
    {
      GElf_Shdr shdr;
      Elf_Data *data;

      if (!gelf_getshdr (scn, &shdr) || shdr.sh_type != SHT_DYNSYM || !shdr.sh_entsize)
        continue;
      data = elf_getdata (scn, NULL);
      for (gsize i = 0; data && i < shdr.sh_size / shdr.sh_entsize; i++)
        {
          GElf_Sym sym;
          const char *name;

          if (!gelf_getsym (data, (int) i, &sym) || sym.st_shndx == SHN_UNDEF)
            continue;
          name = elf_strptr (elf, shdr.sh_link, sym.st_name);
          for (gsize j = 0; name && j < n_wanted; j++)
            if (strcmp (name, wanted[j].name) == 0)
              {
                wanted[j].value = sym.st_value;
                wanted[j].found = TRUE;
              }
        }
    }
  *keep = elf;
  *keep_fd = fd;
  return TRUE;
}

/* The 4 bytes at virtual address `address` of the file. */
static gboolean
read_u32_at (Elf *elf, int fd, GElf_Addr address, guint32 *value)
{
  size_t n_phdrs = 0;

  if (elf_getphdrnum (elf, &n_phdrs) != 0)
    return FALSE;
  for (size_t i = 0; i < n_phdrs; i++)
    {
      GElf_Phdr phdr;

      if (gelf_getphdr (elf, (int) i, &phdr) && phdr.p_type == PT_LOAD && address >= phdr.p_vaddr &&
          address + 4 <= phdr.p_vaddr + phdr.p_filesz)
        return pread (fd, value, 4, (off_t) (address - phdr.p_vaddr + phdr.p_offset)) == 4;
    }
  return FALSE;
}

char *
weft_pycoro_probes_prepare (struct weft_bpf *skel, gboolean generators)
{
  g_autofree char *python = python_path ();
  WantedSymbol wanted[] = {
    { "Py_Version" }, { "PyCode_Type" }, { "PyUnicode_Type" }, { "PyCoro_Type" }, { "PyGen_Type" },
  };
  struct weft_pycoro_layout layout = { 0 };
  guint32 built = WEFT_PY_VERSION_HEX, running = 0;
  gboolean is_exec = FALSE, ok;
  Elf *elf = NULL;
  int fd = -1;

  bpf_program__set_autoload (skel->progs.weft_generator_resume, generators);
  if (!read_symbols (python, wanted, G_N_ELEMENTS (wanted), &is_exec, &elf, &fd))
    return g_strdup_printf (_("Coroutines are not shown: %s cannot be read."), python);
  ok = wanted[0].found && read_u32_at (elf, fd, wanted[0].value, &running);
  elf_end (elf);
  close (fd);
  if (!ok || running >> 16 != built >> 16)
    return g_strdup_printf (_("Coroutines are not shown: %s is not the Python %u.%u weft was built for."),
                            python, built >> 24, (built >> 16) & 0xff);
  if (!is_exec)
    return g_strdup_printf (_("Coroutines are not shown: %s is position independent, which weft does not read yet."),
                            python);
  for (gsize i = 1; i < G_N_ELEMENTS (wanted); i++)
    if (!wanted[i].found)
      return g_strdup_printf (_("Coroutines are not shown: %s has no %s."), python, wanted[i].name);
  layout.code_type = wanted[1].value;
  layout.unicode_type = wanted[2].value;
  layout.coro_type = wanted[3].value;
  layout.gen_type = wanted[4].value;
  layout.generators = generators;
  layout.valid = 1;
  memcpy ((void *) &skel->rodata->weft_coro, &layout, sizeof layout);
  return NULL;
}

/* greenlet's version, from its package next to the module. */
static char *
greenlet_version (const char *module)
{
  g_autofree char *dir = g_path_get_dirname (module);
  g_autofree char *init = g_build_filename (dir, "__init__.py", NULL);
  g_autofree char *text = NULL;
  const char *at;

  if (!g_file_get_contents (init, &text, NULL, NULL) || !(at = strstr (text, "__version__ = '")))
    return NULL;
  at += strlen ("__version__ = '");
  return g_strndup (at, strcspn (at, "'"));
}

static gboolean
attach_one (struct bpf_program *prog, const char *path, const char *function, GPtrArray *links)
{
  LIBBPF_OPTS (bpf_uprobe_opts, opts);
  struct bpf_link *link;
  guint64 offset;

  if (!weft_uprobe_function_offset (path, function, &offset, NULL))
    return FALSE;
  link = bpf_program__attach_uprobe_opts (prog, -1, path, (size_t) offset, &opts);
  if (!link)
    return FALSE;
  g_ptr_array_add (links, link);
  return TRUE;
}

char *
weft_pycoro_probes_attach (struct weft_bpf *skel, gboolean generators, GPtrArray *links)
{
  g_autofree char *python = python_path ();
  g_autofree char *greenlet = greenlet_path ();
  g_autofree char *version = NULL;

  if (!attach_one (skel->progs.weft_task_send, python, "PyIter_Send", links) ||
      !attach_one (skel->progs.weft_task_leave, python, "_PyDict_DelItem_KnownHash", links))
    return g_strdup_printf (_("asyncio Tasks are not shown: cannot put probes on %s."), python);
  if (generators && !attach_one (skel->progs.weft_generator_resume, python, "_PyEval_EvalFrameDefault", links))
    return g_strdup_printf (_("Generators are not shown: cannot put a probe on %s."), python);
  if (!g_file_test (greenlet, G_FILE_TEST_EXISTS))
    return NULL; /* no greenlet installed: nothing to show */
  version = greenlet_version (greenlet);
  if (!version || !g_str_has_prefix (version, GREENLET_KNOWN_VERSION))
    return g_strdup_printf (_("Greenlets are not shown: weft knows greenlet 2.0, not %s."),
                            version ? version : _("this version"));
  if (!attach_one (skel->progs.weft_greenlet_switch, greenlet,
                   "_ZN8greenlet8Greenlet21g_switchstack_successEv", links))
    return g_strdup_printf (_("Greenlets are not shown: cannot put a probe on %s."), greenlet);
  return NULL;
}
