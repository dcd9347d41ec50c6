/*
 * weft-demo-catalog.h: the demo catalog (demos/catalog/SECTION.json, described
 * in docs/demo-catalog.md) for the CLI, the viewer and the demo tests.
 *
 * A WeftDemoCatalog loads every section file of a catalog directory,
 * validates it (errors name the file and the demo), and answers: the
 * sections in order, a demo by id, its texts in the user's language, and
 * the argv that runs it.  The structs are owned by the catalog and are
 * read-only for callers.  No GTK here.
 */
#pragma once

#include <glib-object.h>

#include "weft-demo-expect.h"

G_BEGIN_DECLS

#define WEFT_DEMO_ERROR (weft_demo_error_quark ())

typedef enum {
  WEFT_DEMO_ERROR_NO_CATALOG,    /* no catalog directory, or no section file in it */
  WEFT_DEMO_ERROR_INVALID,       /* a section file is not valid JSON or breaks the format */
  WEFT_DEMO_ERROR_UNKNOWN_DEMO,  /* no demo has that id */
  WEFT_DEMO_ERROR_NO_PROGRAM,    /* the demo's program is not built / installed */
} WeftDemoError;

GQuark weft_demo_error_quark (void);

/* A text in English and Simplified Chinese (both always present). */
typedef struct {
  char *en;
  char *zh_CN;
} WeftDemoText;

/* The text in the user's language: Chinese when the first of the user's
 * languages (LANGUAGE, LC_ALL, LC_MESSAGES, LANG) is a zh one, else English. */
const char *weft_demo_text_get (const WeftDemoText *text);
/* "en" or "zh_CN" (anything else gives English). */
const char *weft_demo_text_get_for (const WeftDemoText *text, const char *language);
/* "zh_CN" or "en": the language weft_demo_text_get() picks. */
const char *weft_demo_user_language (void);

typedef enum {
  WEFT_DEMO_LANGUAGE_C,
  WEFT_DEMO_LANGUAGE_PYTHON,
} WeftDemoLanguage;

typedef struct {
  char *id;               /* unique over the catalog, [a-z0-9-]+ */
  const char *section;    /* the id of its section */
  WeftDemoLanguage language;
  char *program;          /* binary name (C) or script name (Python) */
  char **args;            /* appended to the program, never NULL */
  gboolean interactive;   /* reads its standard input */
  gboolean uprobes;       /* recorded with `weft record --uprobes` (lock owners of semaphores) */
  gboolean generators;    /* recorded with `weft record --generators` (generator coroutines) */
  WeftDemoText title;
  WeftDemoText description;
  WeftDemoText look_for;
  char *tutorial_seed;    /* "001_7718773f9e0442ec.txt" */
  char *tutorial_section; /* "2.8 进程的状态" */
  GPtrArray *expect;      /* WeftDemoExpect *, in catalog order, never empty */
  char *file;             /* the section file it was read from */
} WeftDemo;

typedef struct {
  char *id;               /* "processes": also the file's name (processes.json) */
  gint order;
  WeftDemoText title;
  GPtrArray *demos;       /* WeftDemo *, in file order */
  char *file;
} WeftDemoSection;

#define WEFT_TYPE_DEMO_CATALOG (weft_demo_catalog_get_type ())
G_DECLARE_FINAL_TYPE (WeftDemoCatalog, weft_demo_catalog, WEFT, DEMO_CATALOG, GObject)

/* The catalog weft finds by itself: $WEFT_DEMOS_DIR/catalog, then the
 * source tree weft was built from (when it exists), then the installed
 * one (datadir/weft/demos/catalog). */
WeftDemoCatalog *weft_demo_catalog_new (GError **error);
/* Every *.json of dir, in name order. */
WeftDemoCatalog *weft_demo_catalog_new_from_dir (const char *dir, GError **error);

const char *weft_demo_catalog_get_dir (WeftDemoCatalog *self);
/* WeftDemoSection *, by order (then id). */
GPtrArray *weft_demo_catalog_get_sections (WeftDemoCatalog *self);
const WeftDemoSection *weft_demo_catalog_lookup_section (WeftDemoCatalog *self, const char *id);
/* NULL when no demo has that id. */
const WeftDemo *weft_demo_catalog_lookup (WeftDemoCatalog *self, const char *id);
/* Like lookup, but fails with one sentence that says how to list the ids. */
const WeftDemo *weft_demo_catalog_get_demo (WeftDemoCatalog *self, const char *id, GError **error);
/* Every demo, sections in order, demos in file order. */
GPtrArray *weft_demo_catalog_list_demos (WeftDemoCatalog *self);

/* The full path of the demo's program (see weft-demo-paths.c for where
 * it looks), or NULL with an error that says what to build. */
char *weft_demo_find_program (const WeftDemo *demo, GError **error);
/* Where the demo's output goes, which decides how Python buffers it. */
typedef enum {
  WEFT_DEMO_OUTPUT_TERMINAL, /* a terminal: Python writes each whole line as it is printed */
  WEFT_DEMO_OUTPUT_PIPE,     /* a pipe or a file: -u, or Python would hold lines back */
} WeftDemoOutput;

/* The command that runs the demo: the program (for Python,
 * /usr/bin/python3 [-u] SCRIPT) and its args.  g_strfreev it. */
char **weft_demo_get_argv (const WeftDemo *demo, WeftDemoOutput output, GError **error);
/* The options of `weft record` this demo needs ("--uprobes"), never NULL;
 * g_strfreev it. */
char **weft_demo_get_record_options (const WeftDemo *demo);

G_END_DECLS
