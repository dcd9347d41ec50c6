/*
 * weft-demo-catalog.c: loading and validating demos/catalog/SECTION.json.
 * Every error names the file (and the demo, when there is one) and says
 * what to change; a catalog with any error is not loaded at all, so a
 * class never sees half of it.
 */
#include "weft-demo-catalog.h"

#include <glib/gi18n-lib.h>
#include <string.h>

G_DEFINE_QUARK (weft-demo-error-quark, weft_demo_error)

struct _WeftDemoCatalog {
  GObject parent_instance;
  char *dir;
  GPtrArray *sections;   /* WeftDemoSection *, sorted */
  GHashTable *by_id;     /* id -> WeftDemo * (borrowed) */
  GHashTable *sections_by_id;
};

G_DEFINE_FINAL_TYPE (WeftDemoCatalog, weft_demo_catalog, G_TYPE_OBJECT)

static void
text_clear (WeftDemoText *text)
{
  g_clear_pointer (&text->en, g_free);
  g_clear_pointer (&text->zh_CN, g_free);
}

static void
demo_free (WeftDemo *demo)
{
  g_free (demo->id);
  g_free (demo->program);
  g_strfreev (demo->args);
  text_clear (&demo->title);
  text_clear (&demo->description);
  text_clear (&demo->look_for);
  g_free (demo->tutorial_seed);
  g_free (demo->tutorial_section);
  g_clear_pointer (&demo->expect, g_ptr_array_unref);
  g_free (demo->file);
  g_free (demo);
}

static void
section_free (WeftDemoSection *section)
{
  g_free (section->id);
  text_clear (&section->title);
  g_clear_pointer (&section->demos, g_ptr_array_unref);
  g_free (section->file);
  g_free (section);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WeftDemo, demo_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WeftDemoSection, section_free)

static void
weft_demo_catalog_finalize (GObject *object)
{
  WeftDemoCatalog *self = WEFT_DEMO_CATALOG (object);

  g_free (self->dir);
  g_hash_table_unref (self->by_id);
  g_hash_table_unref (self->sections_by_id);
  g_ptr_array_unref (self->sections);
  G_OBJECT_CLASS (weft_demo_catalog_parent_class)->finalize (object);
}

static void
weft_demo_catalog_class_init (WeftDemoCatalogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = weft_demo_catalog_finalize;
}

static void
weft_demo_catalog_init (WeftDemoCatalog *self)
{
  self->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) section_free);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->sections_by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

/* ---- languages ---- */

const char *
weft_demo_user_language (void)
{
  const char *const *names = g_get_language_names ();

  /* The first language the user named decides; "C" means English. */
  for (guint i = 0; names[i]; i++)
    {
      if (g_str_has_prefix (names[i], "zh"))
        return "zh_CN";
      if (g_str_has_prefix (names[i], "en") || strcmp (names[i], "C") == 0 ||
          strcmp (names[i], "POSIX") == 0)
        return "en";
    }
  return "en";
}

const char *
weft_demo_text_get_for (const WeftDemoText *text, const char *language)
{
  if (g_strcmp0 (language, "zh_CN") == 0 && text->zh_CN)
    return text->zh_CN;
  return text->en;
}

const char *
weft_demo_text_get (const WeftDemoText *text)
{
  return weft_demo_text_get_for (text, weft_demo_user_language ());
}

/* ---- validation ---- */

/* Errors say where: "demos/catalog/processes.json, demo \"zombie\": ...". */
static void
fail (GError **error, const char *file, const char *demo, const char *format, ...) G_GNUC_PRINTF (4, 5);

static void
fail (GError **error, const char *file, const char *demo, const char *format, ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  if (demo)
    g_set_error (error, WEFT_DEMO_ERROR, WEFT_DEMO_ERROR_INVALID, "%s, demo \"%s\": %s", file, demo, what);
  else
    g_set_error (error, WEFT_DEMO_ERROR, WEFT_DEMO_ERROR_INVALID, "%s: %s", file, what);
}

static gboolean
valid_id (const char *id)
{
  if (!id || !*id)
    return FALSE;
  for (const char *c = id; *c; c++)
    if (!g_ascii_islower (*c) && !g_ascii_isdigit (*c) && *c != '-')
      return FALSE;
  return TRUE;
}

static const char *
member_string (JsonObject *object, const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  if (!node || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonObject *
member_object (JsonObject *object, const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
member_array (JsonObject *object, const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* {"en": "...", "zh_CN": "..."}: both required, both non-empty. */
static gboolean
read_text (JsonObject *object, const char *key, WeftDemoText *out, const char *file,
           const char *demo, GError **error)
{
  JsonObject *text = member_object (object, key);
  const char *en, *zh;

  if (!text)
    {
      fail (error, file, demo, "\"%s\" is missing; give it as {\"en\": \"...\", \"zh_CN\": \"...\"}", key);
      return FALSE;
    }
  en = member_string (text, "en");
  zh = member_string (text, "zh_CN");
  if (!en || !*en)
    {
      fail (error, file, demo, "\"%s\" has no English text (\"en\")", key);
      return FALSE;
    }
  if (!zh || !*zh)
    {
      fail (error, file, demo, "\"%s\" has no Simplified Chinese text (\"zh_CN\")", key);
      return FALSE;
    }
  out->en = g_strdup (en);
  out->zh_CN = g_strdup (zh);
  return TRUE;
}

static const char *const demo_keys[] = {
  "id", "language", "program", "args", "interactive", "uprobes", "generators", "title", "description",
  "look_for", "tutorial", "expect", NULL
};

static gboolean
read_program (JsonObject *object, WeftDemo *demo, const char *file, GError **error)
{
  const char *language = member_string (object, "language");
  const char *program = member_string (object, "program");
  JsonArray *args = member_array (object, "args");
  JsonNode *interactive = json_object_get_member (object, "interactive");
  JsonNode *uprobes = json_object_get_member (object, "uprobes");
  JsonNode *generators = json_object_get_member (object, "generators");
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);

  if (g_strcmp0 (language, "c") == 0)
    demo->language = WEFT_DEMO_LANGUAGE_C;
  else if (g_strcmp0 (language, "python") == 0)
    demo->language = WEFT_DEMO_LANGUAGE_PYTHON;
  else
    {
      fail (error, file, demo->id, "\"language\" must be \"c\" or \"python\"");
      return FALSE;
    }
  if (!program || !*program || strchr (program, '/'))
    {
      fail (error, file, demo->id, "\"program\" must be the name of a program in demos/ (no directory)");
      return FALSE;
    }
  if (demo->language == WEFT_DEMO_LANGUAGE_PYTHON && !g_str_has_suffix (program, ".py"))
    {
      fail (error, file, demo->id, "a Python demo's \"program\" is a script name ending in .py");
      return FALSE;
    }
  demo->program = g_strdup (program);
  if (json_object_has_member (object, "args") && !args)
    {
      fail (error, file, demo->id, "\"args\" must be an array of strings");
      return FALSE;
    }
  for (guint i = 0; args && i < json_array_get_length (args); i++)
    {
      JsonNode *node = json_array_get_element (args, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          fail (error, file, demo->id, "\"args\" must be an array of strings");
          return FALSE;
        }
      g_ptr_array_add (argv, g_strdup (json_node_get_string (node)));
    }
  g_ptr_array_add (argv, NULL);
  demo->args = (char **) g_ptr_array_free (g_steal_pointer (&argv), FALSE);
  if (interactive && (!JSON_NODE_HOLDS_VALUE (interactive) ||
                      json_node_get_value_type (interactive) != G_TYPE_BOOLEAN))
    {
      fail (error, file, demo->id, "\"interactive\" must be true or false");
      return FALSE;
    }
  demo->interactive = interactive && json_node_get_boolean (interactive);
  if (uprobes && (!JSON_NODE_HOLDS_VALUE (uprobes) || json_node_get_value_type (uprobes) != G_TYPE_BOOLEAN))
    {
      fail (error, file, demo->id, "\"uprobes\" must be true or false");
      return FALSE;
    }
  demo->uprobes = uprobes && json_node_get_boolean (uprobes);
  if (generators && (!JSON_NODE_HOLDS_VALUE (generators) || json_node_get_value_type (generators) != G_TYPE_BOOLEAN))
    {
      fail (error, file, demo->id, "\"generators\" must be true or false");
      return FALSE;
    }
  demo->generators = generators && json_node_get_boolean (generators);
  return TRUE;
}

static gboolean
read_expect (JsonObject *object, WeftDemo *demo, const char *file, GError **error)
{
  JsonArray *expect = member_array (object, "expect");

  if (!expect || json_array_get_length (expect) == 0)
    {
      fail (error, file, demo->id, "\"expect\" must list at least one phenomenon the trace shows");
      return FALSE;
    }
  demo->expect = g_ptr_array_new_with_free_func ((GDestroyNotify) weft_demo_expect_free);
  for (guint i = 0; i < json_array_get_length (expect); i++)
    {
      JsonNode *node = json_array_get_element (expect, i);
      g_autoptr (GError) local = NULL;
      WeftDemoExpect *e;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          fail (error, file, demo->id, "expectation %u is not an object", i + 1);
          return FALSE;
        }
      e = weft_demo_expect_new_from_json (json_node_get_object (node), &local);
      if (!e)
        {
          fail (error, file, demo->id, "expectation %u: %s", i + 1, local->message);
          return FALSE;
        }
      g_ptr_array_add (demo->expect, e);
    }
  return TRUE;
}

static WeftDemo *
read_demo (JsonNode *node, const char *section, const char *file, guint index, GError **error)
{
  g_autoptr (WeftDemo) demo = g_new0 (WeftDemo, 1);
  g_autoptr (GList) members = NULL;
  JsonObject *object, *tutorial;
  const char *id;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fail (error, file, NULL, "demo %u is not an object", index + 1);
      return NULL;
    }
  object = json_node_get_object (node);
  id = member_string (object, "id");
  if (!valid_id (id))
    {
      fail (error, file, NULL, "demo %u needs an \"id\" of lower-case letters, digits and '-'", index + 1);
      return NULL;
    }
  demo->id = g_strdup (id);
  demo->section = section;
  demo->file = g_strdup (file);
  members = json_object_get_members (object);
  for (GList *l = members; l; l = l->next)
    if (!g_strv_contains (demo_keys, l->data))
      {
        fail (error, file, id, "unknown key \"%s\" (docs/demo-catalog.md lists the keys)",
              (const char *) l->data);
        return NULL;
      }
  if (!read_program (object, demo, file, error) ||
      !read_text (object, "title", &demo->title, file, id, error) ||
      !read_text (object, "description", &demo->description, file, id, error) ||
      !read_text (object, "look_for", &demo->look_for, file, id, error))
    return NULL;
  tutorial = member_object (object, "tutorial");
  if (!tutorial || !member_string (tutorial, "seed") || !member_string (tutorial, "section"))
    {
      fail (error, file, id, "\"tutorial\" must give the \"seed\" file and the \"section\" it illustrates");
      return NULL;
    }
  demo->tutorial_seed = g_strdup (member_string (tutorial, "seed"));
  demo->tutorial_section = g_strdup (member_string (tutorial, "section"));
  if (!read_expect (object, demo, file, error))
    return NULL;
  return g_steal_pointer (&demo);
}

static WeftDemoSection *
read_section (const char *path, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (WeftDemoSection) section = g_new0 (WeftDemoSection, 1);
  g_autoptr (GError) local = NULL;
  g_autofree char *base = g_path_get_basename (path);
  JsonNode *root, *order;
  JsonObject *object;
  JsonArray *demos;
  const char *id;

  if (!json_parser_load_from_file (parser, path, &local))
    {
      fail (error, path, NULL, "not valid JSON: %s", local->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (!root || !JSON_NODE_HOLDS_OBJECT (root))
    {
      fail (error, path, NULL, "a section file holds one JSON object {\"section\": ..., \"demos\": [...]}");
      return NULL;
    }
  object = json_node_get_object (root);
  id = member_string (object, "section");
  base[strlen (base) - strlen (".json")] = '\0';
  if (!valid_id (id) || strcmp (id, base) != 0)
    {
      fail (error, path, NULL, "\"section\" must be \"%s\", the file's name", base);
      return NULL;
    }
  section->id = g_strdup (id);
  section->file = g_strdup (path);
  order = json_object_get_member (object, "order");
  if (!order || !JSON_NODE_HOLDS_VALUE (order) || json_node_get_value_type (order) != G_TYPE_INT64)
    {
      fail (error, path, NULL, "\"order\" must be a whole number (where the section is shown)");
      return NULL;
    }
  section->order = (gint) json_node_get_int (order);
  if (!read_text (object, "title", &section->title, path, NULL, error))
    return NULL;
  demos = member_array (object, "demos");
  if (!demos || json_array_get_length (demos) == 0)
    {
      fail (error, path, NULL, "\"demos\" must be a non-empty array of demos");
      return NULL;
    }
  section->demos = g_ptr_array_new_with_free_func ((GDestroyNotify) demo_free);
  for (guint i = 0; i < json_array_get_length (demos); i++)
    {
      WeftDemo *demo = read_demo (json_array_get_element (demos, i), section->id, path, i, error);

      if (!demo)
        return NULL;
      g_ptr_array_add (section->demos, demo);
    }
  return g_steal_pointer (&section);
}

static gint
compare_sections (gconstpointer a, gconstpointer b)
{
  const WeftDemoSection *x = *(const WeftDemoSection **) a, *y = *(const WeftDemoSection **) b;

  if (x->order != y->order)
    return x->order < y->order ? -1 : 1;
  return strcmp (x->id, y->id);
}

static gboolean
add_section (WeftDemoCatalog *self, WeftDemoSection *section, GError **error)
{
  for (guint i = 0; i < section->demos->len; i++)
    {
      WeftDemo *demo = g_ptr_array_index (section->demos, i);
      WeftDemo *other = g_hash_table_lookup (self->by_id, demo->id);

      if (other)
        {
          fail (error, demo->file, demo->id, "the id is already used by a demo in %s; ids must be unique",
                other->file);
          return FALSE;
        }
      g_hash_table_insert (self->by_id, demo->id, demo);
    }
  g_hash_table_insert (self->sections_by_id, section->id, section);
  g_ptr_array_add (self->sections, section);
  return TRUE;
}

static gint
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

WeftDemoCatalog *
weft_demo_catalog_new_from_dir (const char *dir, GError **error)
{
  g_autoptr (WeftDemoCatalog) self = g_object_new (WEFT_TYPE_DEMO_CATALOG, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) local = NULL;
  g_autoptr (GDir) handle = g_dir_open (dir, 0, &local);
  const char *name;

  if (!handle)
    {
      g_set_error (error, WEFT_DEMO_ERROR, WEFT_DEMO_ERROR_NO_CATALOG,
                   _("Cannot read the demo catalog in %s: %s (set WEFT_DEMOS_DIR to the demos directory)."),
                   dir, local->message);
      return NULL;
    }
  while ((name = g_dir_read_name (handle)))
    if (g_str_has_suffix (name, ".json") && name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  if (names->len == 0)
    {
      g_set_error (error, WEFT_DEMO_ERROR, WEFT_DEMO_ERROR_NO_CATALOG,
                   _("The demo catalog %s has no section files (*.json); is weft installed completely?"), dir);
      return NULL;
    }
  self->dir = g_strdup (dir);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      WeftDemoSection *section = read_section (path, error);

      if (!section)
        return NULL;
      if (!add_section (self, section, error))
        {
          section_free (section);
          return NULL;
        }
    }
  g_ptr_array_sort (self->sections, compare_sections);
  return g_steal_pointer (&self);
}

const char *
weft_demo_catalog_get_dir (WeftDemoCatalog *self)
{
  return self->dir;
}

GPtrArray *
weft_demo_catalog_get_sections (WeftDemoCatalog *self)
{
  return self->sections;
}

const WeftDemoSection *
weft_demo_catalog_lookup_section (WeftDemoCatalog *self, const char *id)
{
  return g_hash_table_lookup (self->sections_by_id, id);
}

const WeftDemo *
weft_demo_catalog_lookup (WeftDemoCatalog *self, const char *id)
{
  return g_hash_table_lookup (self->by_id, id);
}

const WeftDemo *
weft_demo_catalog_get_demo (WeftDemoCatalog *self, const char *id, GError **error)
{
  const WeftDemo *demo = weft_demo_catalog_lookup (self, id);

  if (!demo)
    g_set_error (error, WEFT_DEMO_ERROR, WEFT_DEMO_ERROR_UNKNOWN_DEMO,
                 _("There is no demo \"%s\"; run 'weft demos list' to see the demo ids."), id);
  return demo;
}

GPtrArray *
weft_demo_catalog_list_demos (WeftDemoCatalog *self)
{
  GPtrArray *all = g_ptr_array_new ();

  for (guint s = 0; s < self->sections->len; s++)
    {
      const WeftDemoSection *section = g_ptr_array_index (self->sections, s);

      for (guint i = 0; i < section->demos->len; i++)
        g_ptr_array_add (all, g_ptr_array_index (section->demos, i));
    }
  return all;
}
