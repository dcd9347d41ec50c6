/* weft-timeline-rows.c: which rows the timeline shows (see the header). */
#include "weft-timeline-rows.h"

#include "weft-timeline-render-private.h" /* weft_render_add_coro_rows */

struct _WeftTimelineRows {
  WeftTimelineTree *tree;
  GHashTable *collapsed;   /* pid set */
  GPtrArray *groups;       /* WeftProcessGroup *, found once per tree */
  int *group_of_process;   /* process index -> group index, -1 */
  GHashTable *open_groups; /* set of groups (pointers) shown one row per child */
  GArray *rows;            /* WeftRow, as last built */
};

WeftTimelineRows *
weft_timeline_rows_new (void)
{
  WeftTimelineRows *self = g_new0 (WeftTimelineRows, 1);

  self->collapsed = g_hash_table_new (NULL, NULL);
  self->open_groups = g_hash_table_new (NULL, NULL);
  self->rows = g_array_new (FALSE, TRUE, sizeof (WeftRow));
  return self;
}

void
weft_timeline_rows_free (WeftTimelineRows *self)
{
  if (!self)
    return;
  g_clear_object (&self->tree);
  g_hash_table_unref (self->collapsed);
  g_hash_table_unref (self->open_groups);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_free (self->group_of_process);
  g_array_unref (self->rows);
  g_free (self);
}

const WeftProcessGroup *
weft_timeline_rows_group_of (WeftTimelineRows *self, guint process)
{
  int group = self->group_of_process ? self->group_of_process[process] : -1;
  return group >= 0 ? g_ptr_array_index (self->groups, group) : NULL;
}

static int
process_of_pid (WeftTimelineRows *self, guint32 pid)
{
  return self->tree ? weft_timeline_tree_find_process (self->tree, pid) : -1;
}

/* Once per tree (and per snapshot of a live trace), never per frame. */
static void
find_groups (WeftTimelineRows *self)
{
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->group_of_process, g_free);
  g_hash_table_remove_all (self->open_groups);
  if (self->tree == NULL)
    return;
  self->group_of_process = g_new (int, MAX (weft_timeline_tree_get_n_processes (self->tree), 1));
  self->groups = weft_process_groups_find (self->tree, self->group_of_process);
}

void
weft_timeline_rows_set_tree (WeftTimelineRows *self, WeftTimelineTree *tree)
{
  g_set_object (&self->tree, tree);
  g_hash_table_remove_all (self->collapsed);
  find_groups (self);
}

void
weft_timeline_rows_update_tree (WeftTimelineRows *self, WeftTimelineTree *tree)
{
  g_autoptr (GArray) open_pids = g_array_new (FALSE, FALSE, sizeof (guint32));
  GHashTableIter iter;
  gpointer group;

  g_hash_table_iter_init (&iter, self->open_groups);
  while (g_hash_table_iter_next (&iter, &group, NULL))
    {
      guint32 pid = weft_timeline_tree_get_process (self->tree, ((WeftProcessGroup *) group)->members[0])->pid;
      g_array_append_val (open_pids, pid);
    }
  g_set_object (&self->tree, tree);
  find_groups (self);
  for (guint i = 0; i < open_pids->len; i++)
    {
      int process = process_of_pid (self, g_array_index (open_pids, guint32, i));
      const WeftProcessGroup *opened = process >= 0 ? weft_timeline_rows_group_of (self, process) : NULL;

      if (opened)
        g_hash_table_add (self->open_groups, (gpointer) opened);
    }
}

void
weft_timeline_rows_build (WeftTimelineRows *self, gint64 limit, double row_height)
{
  double y = 0;
  int hidden_below_depth = -1;

  g_array_set_size (self->rows, 0);
  if (self->tree == NULL)
    return;
  for (guint p = 0; p < weft_timeline_tree_get_n_processes (self->tree); p++)
    {
      const WeftProcess *process = weft_timeline_tree_get_process (self->tree, p);
      const WeftProcessGroup *group = weft_timeline_rows_group_of (self, p);
      guint depth = weft_timeline_tree_get_depth (self->tree, p);
      guint first_thread = weft_timeline_tree_get_first_thread (self->tree, p);
      WeftRow row = { .process = p, .is_process = TRUE, .depth = depth };

      if (hidden_below_depth >= 0 && depth > (guint) hidden_below_depth)
        continue;
      hidden_below_depth = -1;
      if (weft_view_time (process->start_ns) > limit)
        {
          /* Not born yet: neither are its descendants. */
          hidden_below_depth = depth;
          continue;
        }
      row.thread = process->threads->len > 0 ? (int) first_thread : -1;
      /* A closed group: its first child's row stands for all of them. */
      if (group && !g_hash_table_contains (self->open_groups, group))
        {
          if (group->members[0] != p)
            continue;
          row.group = group;
        }
      else if (group)
        row.group_head = group->members[0] == p;
      row.y = y;
      g_array_append_val (self->rows, row);
      y += row_height;

      /* Collapsed: its threads and its whole subtree are hidden. */
      if (g_hash_table_contains (self->collapsed, GUINT_TO_POINTER (process->pid)))
        {
          hidden_below_depth = depth;
          continue;
        }
      y = weft_render_add_coro_rows (self->tree, self->rows, &row, y, row_height);
      for (guint i = 1; i < process->threads->len; i++)
        {
          const WeftThread *thread = weft_timeline_tree_get_thread (self->tree, first_thread + i);
          WeftRow thread_row = {
            .process = p, .thread = first_thread + i, .depth = depth + 1, .y = y,
          };

          if (weft_view_time (thread->start_ns) > limit)
            continue;
          g_array_append_val (self->rows, thread_row);
          y += row_height;
          y = weft_render_add_coro_rows (self->tree, self->rows, &thread_row, y, row_height);
        }
    }
}

GArray *
weft_timeline_rows_get (WeftTimelineRows *self)
{
  return self->rows;
}

void
weft_timeline_rows_set_collapsed (WeftTimelineRows *self, guint32 pid, gboolean collapsed)
{
  int process = process_of_pid (self, pid);
  const WeftProcessGroup *group = process >= 0 ? weft_timeline_rows_group_of (self, process) : NULL;

  /* A child of a group: closing or opening it is the group's. */
  if (group)
    {
      if (collapsed)
        g_hash_table_remove (self->open_groups, group);
      else
        g_hash_table_add (self->open_groups, (gpointer) group);
    }
  else if (collapsed)
    g_hash_table_add (self->collapsed, GUINT_TO_POINTER (pid));
  else
    g_hash_table_remove (self->collapsed, GUINT_TO_POINTER (pid));
}

gboolean
weft_timeline_rows_process_is_collapsed (WeftTimelineRows *self, guint process)
{
  const WeftProcessGroup *group = weft_timeline_rows_group_of (self, process);

  if (group)
    return !g_hash_table_contains (self->open_groups, group);
  return g_hash_table_contains (self->collapsed,
                                GUINT_TO_POINTER (weft_timeline_tree_get_process (self->tree, process)->pid));
}

gboolean
weft_timeline_rows_get_collapsed (WeftTimelineRows *self, guint32 pid)
{
  int process = process_of_pid (self, pid);

  if (process < 0)
    return g_hash_table_contains (self->collapsed, GUINT_TO_POINTER (pid));
  return weft_timeline_rows_process_is_collapsed (self, process);
}

void
weft_timeline_rows_set_all_collapsed (WeftTimelineRows *self, gboolean collapsed)
{
  g_hash_table_remove_all (self->collapsed);
  g_hash_table_remove_all (self->open_groups);
  for (guint i = 0; collapsed && self->tree && i < weft_timeline_tree_get_n_processes (self->tree); i++)
    if (weft_timeline_rows_group_of (self, i) == NULL && weft_timeline_rows_is_collapsible (self, i))
      g_hash_table_add (self->collapsed, GUINT_TO_POINTER (weft_timeline_tree_get_process (self->tree, i)->pid));
}

gboolean
weft_timeline_rows_is_collapsible (WeftTimelineRows *self, guint process)
{
  if (self->tree == NULL || process >= weft_timeline_tree_get_n_processes (self->tree))
    return FALSE;
  if (weft_timeline_rows_group_of (self, process))
    return TRUE;
  /* Tree order: a child, if any, comes right after its parent. */
  return weft_timeline_tree_get_process (self->tree, process)->threads->len > 1
         || (process + 1 < weft_timeline_tree_get_n_processes (self->tree)
             && weft_timeline_tree_get_depth (self->tree, process + 1) > weft_timeline_tree_get_depth (self->tree, process));
}

void
weft_timeline_rows_reveal_thread (WeftTimelineRows *self, guint thread)
{
  const WeftProcessGroup *group;
  int process;

  if (self->tree == NULL || thread >= weft_timeline_tree_get_n_threads (self->tree))
    return;
  process = weft_timeline_tree_get_thread_process (self->tree, thread);
  group = weft_timeline_rows_group_of (self, process);
  if (group)
    g_hash_table_add (self->open_groups, (gpointer) group);
  /* Its process (which hides its other threads) and every ancestor. */
  for (guint depth = 0; process >= 0 && depth < 4096; depth++)
    {
      const WeftProcess *p = weft_timeline_tree_get_process (self->tree, process);

      g_hash_table_remove (self->collapsed, GUINT_TO_POINTER (p->pid));
      process = weft_timeline_tree_get_depth (self->tree, process) > 0 ? process_of_pid (self, p->ppid) : -1;
    }
}
