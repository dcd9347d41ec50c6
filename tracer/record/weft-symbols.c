/*
 * weft-symbols.c: address -> name in a live process.
 *
 * A global lock lives in a binary's .data or .bss; .bss is often an
 * anonymous mapping right after the file's own mappings, so the owning
 * binary is found by its load bias (start of a file mapping minus the
 * vaddr of the segment at that file offset), which makes PIE and non-PIE
 * binaries and shared libraries all work the same way.
 */
#include "weft-symbols.h"

#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define PAGE_MASK (~(guint64) 0xfff)
/* glibc's thread stack guard is one page (pthread_attr_setguardsize can
 * make it larger); malloc arena tails are megabytes. */
#define MAX_STACK_GUARD (64 * 1024)

typedef struct {
  guint64 start, end, offset;
  char perms[5];
  char *path; /* NULL for anonymous */
} Mapping;

typedef struct {
  guint64 vaddr, memsz, filesz, offset;
  gboolean executable;
} Segment;

typedef struct {
  guint64 value, size;
  char *name;
} Symbol;

typedef struct {
  GArray *segments; /* Segment, PT_LOAD only */
  GArray *symbols;  /* Symbol, data objects sorted by value */
} ElfInfo;

struct _WeftSymbols {
  GObject parent_instance;

  GHashTable *maps; /* pid -> GArray of Mapping */
  GHashTable *elfs; /* path -> ElfInfo (NULL value: not an ELF we can read) */
};

G_DEFINE_FINAL_TYPE (WeftSymbols, weft_symbols, G_TYPE_OBJECT)

static void
mapping_clear (gpointer data)
{
  g_free (((Mapping *) data)->path);
}

static void
symbol_clear (gpointer data)
{
  g_free (((Symbol *) data)->name);
}

static void
elf_info_free (gpointer data)
{
  ElfInfo *info = data;

  if (!info)
    return;
  g_array_unref (info->segments);
  g_array_unref (info->symbols);
  g_free (info);
}

static void
weft_symbols_finalize (GObject *object)
{
  WeftSymbols *self = WEFT_SYMBOLS (object);

  g_hash_table_unref (self->maps);
  g_hash_table_unref (self->elfs);
  G_OBJECT_CLASS (weft_symbols_parent_class)->finalize (object);
}

static void
weft_symbols_class_init (WeftSymbolsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = weft_symbols_finalize;
  elf_version (EV_CURRENT); /* libelf refuses to work until told its version */
}

static void
weft_symbols_init (WeftSymbols *self)
{
  self->maps = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  self->elfs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, elf_info_free);
}

WeftSymbols *
weft_symbols_new (void)
{
  return g_object_new (WEFT_TYPE_SYMBOLS, NULL);
}

static GArray *
read_maps (pid_t pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/maps", pid);
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  GArray *maps;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return NULL;
  maps = g_array_new (FALSE, TRUE, sizeof (Mapping));
  g_array_set_clear_func (maps, mapping_clear);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      Mapping m = { 0 };
      int name_at = 0;

      if (sscanf (lines[i], "%" G_GINT64_MODIFIER "x-%" G_GINT64_MODIFIER "x %4s %" G_GINT64_MODIFIER "x %*s %*u %n",
                  &m.start, &m.end, m.perms, &m.offset, &name_at) < 4)
        continue;
      if (name_at > 0 && lines[i][name_at])
        m.path = g_strdup (g_strstrip (lines[i] + name_at));
      g_array_append_val (maps, m);
    }
  return maps;
}

static const Mapping *
find_mapping (GArray *maps, guint64 addr, guint *index)
{
  for (guint i = 0; maps && i < maps->len; i++)
    {
      const Mapping *m = &g_array_index (maps, Mapping, i);

      if (addr >= m->start && addr < m->end)
        {
          *index = i;
          return m;
        }
    }
  return NULL;
}

static void
load_symbols (Elf *elf, Elf_Scn *scn, const GElf_Shdr *shdr, GArray *symbols)
{
  Elf_Data *data = elf_getdata (scn, NULL);
  gsize n = shdr->sh_entsize ? shdr->sh_size / shdr->sh_entsize : 0;

  for (gsize i = 0; data && i < n; i++)
    {
      GElf_Sym sym;
      const char *name;
      int type;
      Symbol s;

      if (!gelf_getsym (data, i, &sym))
        continue;
      type = GELF_ST_TYPE (sym.st_info);
      if ((type != STT_OBJECT && type != STT_COMMON) || sym.st_shndx == SHN_UNDEF)
        continue;
      name = elf_strptr (elf, shdr->sh_link, sym.st_name);
      if (!name || !*name)
        continue;
      s.value = sym.st_value;
      s.size = sym.st_size;
      s.name = g_strdup (name);
      g_array_append_val (symbols, s);
    }
}

static int
compare_symbols (gconstpointer a, gconstpointer b)
{
  const Symbol *x = a, *y = b;

  return x->value < y->value ? -1 : x->value > y->value;
}

/* Segments and data symbols of the ELF file open on fd (.symtab when the
 * file has one, else .dynsym). */
static ElfInfo *
load_elf (int fd)
{
  Elf *elf = elf_begin (fd, ELF_C_READ, NULL);
  ElfInfo *info;
  Elf_Scn *scn = NULL, *symtab = NULL, *dynsym = NULL;
  GElf_Shdr symtab_hdr, dynsym_hdr, shdr;
  size_t n_phdrs = 0;

  if (!elf || elf_kind (elf) != ELF_K_ELF || elf_getphdrnum (elf, &n_phdrs) != 0)
    {
      if (elf)
        elf_end (elf);
      return NULL;
    }
  info = g_new0 (ElfInfo, 1);
  info->segments = g_array_new (FALSE, FALSE, sizeof (Segment));
  info->symbols = g_array_new (FALSE, FALSE, sizeof (Symbol));
  g_array_set_clear_func (info->symbols, symbol_clear);

  for (size_t i = 0; i < n_phdrs; i++)
    {
      GElf_Phdr phdr;

      if (gelf_getphdr (elf, i, &phdr) && phdr.p_type == PT_LOAD)
        {
          Segment seg = { phdr.p_vaddr, phdr.p_memsz, phdr.p_filesz, phdr.p_offset, (phdr.p_flags & PF_X) != 0 };
          g_array_append_val (info->segments, seg);
        }
    }
  while ((scn = elf_nextscn (elf, scn)))
    {
      if (!gelf_getshdr (scn, &shdr))
        continue;
      if (shdr.sh_type == SHT_SYMTAB)
        symtab = scn, symtab_hdr = shdr;
      else if (shdr.sh_type == SHT_DYNSYM)
        dynsym = scn, dynsym_hdr = shdr;
    }
  if (symtab)
    load_symbols (elf, symtab, &symtab_hdr, info->symbols);
  else if (dynsym)
    load_symbols (elf, dynsym, &dynsym_hdr, info->symbols);
  g_array_sort (info->symbols, compare_symbols);
  elf_end (elf);
  return info;
}

static ElfInfo *
get_elf (WeftSymbols *self, pid_t pid, const Mapping *m)
{
  g_autofree char *via_proc = NULL;
  ElfInfo *info;
  int fd;

  if (g_hash_table_lookup_extended (self->elfs, m->path, NULL, (gpointer *) &info))
    return info;
  /* map_files reaches the very file mapped, even if it was replaced or
   * lives in another mount namespace. */
  via_proc = g_strdup_printf ("/proc/%d/map_files/%" G_GINT64_MODIFIER "x-%" G_GINT64_MODIFIER "x",
                              pid, m->start, m->end);
  fd = open (via_proc, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    fd = open (m->path, O_RDONLY | O_CLOEXEC);
  info = fd >= 0 ? load_elf (fd) : NULL;
  if (fd >= 0)
    close (fd);
  g_hash_table_insert (self->elfs, g_strdup (m->path), info);
  return info;
}

/* Where the file of mapping m was loaded: its vaddr 0 in the process. */
static gboolean
load_bias (const ElfInfo *elf, const Mapping *m, guint64 *bias)
{
  for (guint i = 0; i < elf->segments->len; i++)
    {
      const Segment *seg = &g_array_index (elf->segments, Segment, i);

      if ((seg->offset & PAGE_MASK) == m->offset)
        {
          *bias = m->start - (seg->vaddr & PAGE_MASK);
          return TRUE;
        }
    }
  return FALSE;
}

static char *
symbol_at (const ElfInfo *elf, guint64 vaddr)
{
  GArray *symbols = elf->symbols;
  guint lo = 0, hi = symbols->len;

  /* Last symbol with value <= vaddr. */
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (symbols, Symbol, mid).value <= vaddr)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo == 0)
    return NULL;
  {
    const Symbol *s = &g_array_index (symbols, Symbol, lo - 1);
    guint64 off = vaddr - s->value;

    if (off >= MAX (s->size, 1))
      return NULL;
    return off ? g_strdup_printf ("%s+0x%" G_GINT64_MODIFIER "x", s->name, off) : g_strdup (s->name);
  }
}

/* Resolves addr against the binary mapped by file mapping m: its symbol,
 * "[basename]" if the address is in the binary but unnamed, NULL if the
 * address is not in that binary at all. */
static char *
describe_in_binary (WeftSymbols *self, pid_t pid, GArray *maps, const Mapping *m, guint64 addr)
{
  ElfInfo *elf = get_elf (self, pid, m);
  guint64 bias = 0, vaddr;
  char *name;

  if (!elf)
    return NULL;
  /* The bias comes from the first mapping of the file: offset 0 maps the
   * first segment whichever mapping the address fell into. */
  for (guint i = 0; i < maps->len; i++)
    {
      const Mapping *first = &g_array_index (maps, Mapping, i);

      if (g_strcmp0 (first->path, m->path) == 0 && load_bias (elf, first, &bias))
        break;
    }
  vaddr = addr - bias;
  for (guint i = 0; i < elf->segments->len; i++)
    {
      const Segment *seg = &g_array_index (elf->segments, Segment, i);

      if (vaddr >= seg->vaddr && vaddr < seg->vaddr + seg->memsz)
        {
          name = symbol_at (elf, vaddr);
          return name ? name : g_strdup_printf ("[%s]", strrchr (m->path, '/') + 1);
        }
    }
  return NULL;
}

static gboolean
is_file_path (const char *path)
{
  return path && path[0] == '/';
}

static char *
describe_anonymous (WeftSymbols *self, pid_t pid, GArray *maps, guint index, guint64 addr)
{
  const Mapping *m = &g_array_index (maps, Mapping, index);

  /* .bss past the end of a binary's file mappings. */
  for (guint i = 0; i < index; i++)
    {
      const Mapping *file = &g_array_index (maps, Mapping, i);
      char *name;

      if (!is_file_path (file->path) || (i + 1 < maps->len &&
          g_strcmp0 (g_array_index (maps, Mapping, i + 1).path, file->path) == 0))
        continue; /* only the last mapping of each file run can precede .bss */
      name = describe_in_binary (self, pid, maps, file, addr);
      if (name)
        return name;
    }
  if (index > 0)
    {
      const Mapping *below = &g_array_index (maps, Mapping, index - 1);

      if (!below->path && below->end == m->start && strncmp (below->perms, "---", 3) == 0 &&
          below->end - below->start <= MAX_STACK_GUARD)
        return g_strdup ("stack"); /* a thread stack above its guard page */
    }
  return g_strdup ("heap");
}

char *
weft_symbols_describe (WeftSymbols *self, pid_t pid, guint64 addr)
{
  GArray *maps = g_hash_table_lookup (self->maps, GINT_TO_POINTER (pid));
  const Mapping *m;
  guint index = 0;

  g_return_val_if_fail (WEFT_IS_SYMBOLS (self), NULL);

  m = find_mapping (maps, addr, &index);
  if (!m)
    {
      /* New mappings since we last looked (dlopen, a new arena). */
      maps = read_maps (pid);
      if (!maps)
        return NULL;
      g_hash_table_replace (self->maps, GINT_TO_POINTER (pid), maps);
      m = find_mapping (maps, addr, &index);
      if (!m)
        return NULL;
    }
  if (is_file_path (m->path))
    {
      char *name = describe_in_binary (self, pid, maps, m, addr);

      return name ? name : g_strdup_printf ("[%s]", strrchr (m->path, '/') + 1);
    }
  if (g_strcmp0 (m->path, "[heap]") == 0)
    return g_strdup ("heap");
  if (m->path && g_str_has_prefix (m->path, "[stack"))
    return g_strdup ("stack");
  if (m->path)
    return g_strdup (m->path); /* [vvar], memfd:..., /dev/shm names */
  return describe_anonymous (self, pid, maps, index, addr);
}

void
weft_symbols_forget_process (WeftSymbols *self, pid_t pid)
{
  g_hash_table_remove (self->maps, GINT_TO_POINTER (pid));
}

static const Symbol *
find_symbol (const ElfInfo *elf, const char *name)
{
  for (guint i = 0; i < elf->symbols->len; i++)
    {
      const Symbol *s = &g_array_index (elf->symbols, Symbol, i);

      if (strcmp (s->name, name) == 0)
        return s;
    }
  return NULL;
}

gboolean
weft_symbols_find (WeftSymbols *self, pid_t pid, const char *name, guint64 *addr)
{
  GArray *maps = read_maps (pid);

  g_return_val_if_fail (WEFT_IS_SYMBOLS (self), FALSE);

  if (!maps)
    return FALSE;
  g_hash_table_replace (self->maps, GINT_TO_POINTER (pid), maps);
  for (guint i = 0; i < maps->len; i++)
    {
      const Mapping *m = &g_array_index (maps, Mapping, i);
      ElfInfo *elf;
      const Symbol *symbol;
      guint64 bias = 0;

      /* The first mapping of each file: the one its load bias comes from. */
      if (!is_file_path (m->path) || (i > 0 && g_strcmp0 (g_array_index (maps, Mapping, i - 1).path, m->path) == 0))
        continue;
      elf = get_elf (self, pid, m);
      if (!elf || !load_bias (elf, m, &bias))
        continue;
      symbol = find_symbol (elf, name);
      if (symbol)
        {
          *addr = bias + symbol->value;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
weft_symbols_find_in_file (const char *path, const char *name, gint64 *from_start_code, void *value,
                           gsize value_size)
{
  ElfInfo *elf;
  const Symbol *symbol;
  guint64 start_code = G_MAXUINT64;
  gboolean found = FALSE;
  int fd = open (path, O_RDONLY | O_CLOEXEC);

  if (fd < 0)
    return FALSE;
  elf = load_elf (fd);
  symbol = elf ? find_symbol (elf, name) : NULL;
  if (symbol)
    {
      /* The kernel's mm->start_code: the lowest executable segment. */
      for (guint i = 0; i < elf->segments->len; i++)
        {
          const Segment *seg = &g_array_index (elf->segments, Segment, i);

          if (seg->executable)
            start_code = MIN (start_code, seg->vaddr);
        }
      for (guint i = 0; i < elf->segments->len && !found && start_code != G_MAXUINT64; i++)
        {
          const Segment *seg = &g_array_index (elf->segments, Segment, i);

          if (symbol->value < seg->vaddr || symbol->value - seg->vaddr + value_size > seg->filesz)
            continue;
          found = value_size == 0 ||
                  pread (fd, value, value_size, seg->offset + (symbol->value - seg->vaddr)) == (gssize) value_size;
          *from_start_code = (gint64) (symbol->value - start_code);
        }
    }
  elf_info_free (elf);
  close (fd);
  return found;
}
