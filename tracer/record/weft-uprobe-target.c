/*
 * weft-uprobe-target.c: see weft-uprobe-target.h.
 */
#include "weft-uprobe-target.h"
#include "weft-error.h"

#include <glib/gi18n-lib.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <string.h>
#include <unistd.h>

#define VERSYM_HIDDEN 0x8000 /* a non-default version: name@VERSION */

typedef struct {
  gboolean found;
  GElf_Addr address;
  gboolean is_default;
} Match;

/* Scans one symbol table (.dynsym or .symtab) for name. */
static void
scan_symbols (Elf *elf, Elf_Scn *scn, const char *name, Match *match)
{
  GElf_Shdr shdr;
  Elf_Data *data = elf_getdata (scn, NULL);
  Elf_Data *versions = NULL;
  Elf_Scn *other = NULL;
  gsize n;

  gelf_getshdr (scn, &shdr);
  n = shdr.sh_entsize ? shdr.sh_size / shdr.sh_entsize : 0;
  if (shdr.sh_type == SHT_DYNSYM)
    while ((other = elf_nextscn (elf, other)))
      {
        GElf_Shdr other_shdr;

        if (gelf_getshdr (other, &other_shdr) && other_shdr.sh_type == SHT_GNU_versym)
          versions = elf_getdata (other, NULL);
      }
  for (gsize i = 0; data && i < n; i++)
    {
      GElf_Sym sym;
      GElf_Versym version = 0;
      gboolean is_default;

      if (!gelf_getsym (data, (int) i, &sym) || GELF_ST_TYPE (sym.st_info) != STT_FUNC ||
          sym.st_shndx == SHN_UNDEF || sym.st_value == 0)
        continue;
      if (g_strcmp0 (elf_strptr (elf, shdr.sh_link, sym.st_name), name) != 0)
        continue;
      if (versions)
        gelf_getversym (versions, (int) i, &version);
      is_default = (version & VERSYM_HIDDEN) == 0;
      if (!match->found || (is_default && !match->is_default))
        {
          match->found = TRUE;
          match->address = sym.st_value;
          match->is_default = is_default;
        }
    }
}

/* The file offset of a virtual address: through the PT_LOAD segment that holds it. */
static gboolean
address_to_offset (Elf *elf, GElf_Addr address, guint64 *offset)
{
  size_t n_phdrs = 0;

  if (elf_getphdrnum (elf, &n_phdrs) != 0)
    return FALSE;
  for (size_t i = 0; i < n_phdrs; i++)
    {
      GElf_Phdr phdr;

      if (gelf_getphdr (elf, (int) i, &phdr) && phdr.p_type == PT_LOAD && (phdr.p_flags & PF_X) &&
          address >= phdr.p_vaddr && address < phdr.p_vaddr + phdr.p_filesz)
        {
          *offset = address - phdr.p_vaddr + phdr.p_offset;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
weft_uprobe_function_offset (const char *path, const char *name, guint64 *offset, GError **error)
{
  Match match = { FALSE };
  Elf_Scn *scn = NULL;
  Elf *elf;
  gboolean ok;
  int fd;

  if (elf_version (EV_CURRENT) == EV_NONE || (fd = open (path, O_RDONLY | O_CLOEXEC)) < 0)
    {
      g_set_error (error, WEFT_ERROR, WEFT_ERROR_UNSUPPORTED,
                   _("Cannot read %s to put --uprobes on; record without --uprobes."), path);
      return FALSE;
    }
  elf = elf_begin (fd, ELF_C_READ, NULL);
  while (elf && (scn = elf_nextscn (elf, scn)))
    {
      GElf_Shdr shdr;

      if (gelf_getshdr (scn, &shdr) && (shdr.sh_type == SHT_DYNSYM || shdr.sh_type == SHT_SYMTAB))
        scan_symbols (elf, scn, name, &match);
    }
  ok = elf && match.found && address_to_offset (elf, match.address, offset);
  if (elf)
    elf_end (elf);
  close (fd);
  if (!ok)
    g_set_error (error, WEFT_ERROR, WEFT_ERROR_UNSUPPORTED,
                 _("%s has no function %s to put --uprobes on; record without --uprobes."), path, name);
  return ok;
}
