/*
 * weft-recorder-attach.c: `weft record -p PID` — the tree already running
 * under PID, found in /proc, put in the kernel filter, and each of its
 * threads written as a TASK_INFO record, since their forks happened
 * before the recording.  From then on the kernel filter follows the tree.
 */
#include "weft-recorder.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "events.h"
#include "weft-error.h"

/* Reads "pid (comm) S ppid" from /proc/PID[/task/TID]/stat. */
static gboolean
read_stat (const char *path, char *state, pid_t *ppid, char comm[WEFT_COMM_LEN])
{
  g_autofree char *text = NULL;
  const char *open_paren, *close_paren;
  gsize len;

  if (!g_file_get_contents (path, &text, &len, NULL))
    return FALSE;
  open_paren = strchr (text, '(');
  close_paren = strrchr (text, ')');
  if (!open_paren || !close_paren || close_paren < open_paren || close_paren[1] == '\0')
    return FALSE;
  if (comm)
    {
      gsize n = MIN ((gsize) (close_paren - open_paren - 1), WEFT_COMM_LEN - 1);

      memset (comm, 0, WEFT_COMM_LEN);
      memcpy (comm, open_paren + 1, n);
    }
  return sscanf (close_paren + 2, "%c %d", state, ppid) == 2;
}

static gboolean
is_pid_name (const char *name)
{
  if (!*name)
    return FALSE;
  for (; *name; name++)
    if (!g_ascii_isdigit (*name))
      return FALSE;
  return TRUE;
}

/* Every process's parent, from /proc. */
static GHashTable *
scan_parents (void)
{
  GHashTable *parents = g_hash_table_new (NULL, NULL);
  g_autoptr (GDir) dir = g_dir_open ("/proc", 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = NULL;
      char state;
      pid_t ppid;

      if (!is_pid_name (name))
        continue;
      path = g_strdup_printf ("/proc/%s/stat", name);
      if (read_stat (path, &state, &ppid, NULL))
        g_hash_table_insert (parents, GINT_TO_POINTER (atoi (name)), GINT_TO_POINTER (ppid));
    }
  return parents;
}

static gboolean
emit_task_infos (WeftRecorder *self, pid_t pid, GError **error)
{
  g_autofree char *task_dir = g_strdup_printf ("/proc/%d/task", pid);
  g_autoptr (GDir) dir = g_dir_open (task_dir, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_strdup_printf ("%s/%s/stat", task_dir, name);
      struct weft_task_info info = { 0 };
      char state;
      pid_t ppid;

      if (!is_pid_name (name) || !read_stat (path, &state, &ppid, info.comm))
        continue;
      info.ppid = ppid;
      if (!weft_recorder_write_synthetic (self, &info, sizeof info, WEFT_EV_TASK_INFO,
                                          pid, atoi (name), error))
        return FALSE;
    }
  return TRUE;
}

gboolean
weft_recorder_check_process (pid_t pid, GError **error)
{
  g_autofree char *proc = g_strdup_printf ("/proc/%d", pid);

  if (pid <= 0 || !g_file_test (proc, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, WEFT_ERROR, WEFT_ERROR_NO_PROCESS,
                   _("There is no process with pid %d (check it with ps)."), pid);
      return FALSE;
    }
  return TRUE;
}

gboolean
weft_recorder_trace_existing_tree (WeftRecorder *self, pid_t pid, GError **error)
{
  g_autoptr (GHashTable) in_tree = g_hash_table_new (NULL, NULL);

  if (!weft_recorder_check_process (pid, error))
    return FALSE;

  g_hash_table_add (in_tree, GINT_TO_POINTER (pid));
  /* Twice: a child forked while we scanned is caught the second time,
   * and from then on the kernel filter adds new children itself. */
  for (int pass = 0; pass < 2; pass++)
    {
      g_autoptr (GHashTable) parents = scan_parents ();
      gboolean grew = TRUE;

      while (grew)
        {
          GHashTableIter iter;
          gpointer child, parent;

          grew = FALSE;
          g_hash_table_iter_init (&iter, parents);
          while (g_hash_table_iter_next (&iter, &child, &parent))
            if (g_hash_table_contains (in_tree, parent) && g_hash_table_add (in_tree, child))
              grew = TRUE;
        }
      GHashTableIter iter;
      gpointer member;

      g_hash_table_iter_init (&iter, in_tree);
      while (g_hash_table_iter_next (&iter, &member, NULL))
        if (!weft_recorder_trace_pid (self, GPOINTER_TO_INT (member), error))
          return FALSE;
    }

  {
    GHashTableIter iter;
    gpointer member;

    g_hash_table_iter_init (&iter, in_tree);
    while (g_hash_table_iter_next (&iter, &member, NULL))
      if (!emit_task_infos (self, GPOINTER_TO_INT (member), error))
        return FALSE;
  }
  return TRUE;
}
