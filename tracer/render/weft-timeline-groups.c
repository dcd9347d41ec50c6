/* weft-timeline-groups.c: finding groups of identical children, and their
 * one-line summary. */
#include "weft-timeline-groups.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include <math.h>

#include "weft-timeline-phenomena.h"
#include "weft-timeline-render-private.h"

static void
group_free (gpointer data)
{
  WeftProcessGroup *group = data;

  g_free (group->members);
  g_free (group->label);
  g_free (group);
}

/* When a process stops taking its row: reaped, or exited, or the end. */
static gint64
end_of (WeftTimelineTree *tree, const WeftProcess *p)
{
  if (weft_process_left_zombie (p) && p->reap_ns != WEFT_TIME_NONE)
    return weft_view_time (p->reap_ns);
  if (p->exit_ns != WEFT_TIME_NONE)
    return weft_view_time (p->exit_ns);
  return weft_timeline_tree_get_duration (tree);
}

static gboolean
is_leaf (WeftTimelineTree *tree, guint index)
{
  const WeftProcess *p = weft_timeline_tree_get_process (tree, index);

  /* Tree order: a child, if any, comes right after its parent. */
  return p->threads->len <= 1
         && (index + 1 >= weft_timeline_tree_get_n_processes (tree)
             || weft_timeline_tree_get_depth (tree, index + 1) <= weft_timeline_tree_get_depth (tree, index));
}

/* "all exit 0", "298 exit 0, 2 others", "1 still running" ... */
static char *
summarize_endings (WeftTimelineTree *tree, const WeftProcessGroup *group)
{
  const WeftProcess *first = weft_timeline_tree_get_process (tree, group->members[0]);
  const char *name = weft_process_get_label (first);
  g_autofree char *first_ending = first->exit_ns != WEFT_TIME_NONE ? weft_process_exit_text (first) : NULL;
  guint same = 0, alive = 0;

  for (guint i = 0; i < group->n_members; i++)
    {
      const WeftProcess *p = weft_timeline_tree_get_process (tree, group->members[i]);

      if (p->exit_ns == WEFT_TIME_NONE)
        alive++;
      else if (first->exit_ns != WEFT_TIME_NONE && p->exit_status == first->exit_status)
        same++;
    }
  if (first_ending && same == group->n_members)
    /* Translators: "300 × true, all exit 0" */
    return g_strdup_printf (_("%u × %s, all %s"), group->n_members, name, first_ending);
  if (first_ending && same + alive == group->n_members)
    return g_strdup_printf (_("%u × %s, %u %s, %u running"), group->n_members, name, same, first_ending, alive);
  /* Translators: "300 × true, 2 ended differently" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u × %s, %u ended differently",
                                       "%u × %s, %u ended differently", group->n_members - same),
                          group->n_members, name, group->n_members - same);
}

static int
compare_start (gconstpointer a, gconstpointer b, gpointer user_data)
{
  WeftTimelineTree *tree = user_data;
  guint64 sa = weft_timeline_tree_get_process (tree, *(const guint *) a)->start_ns;
  guint64 sb = weft_timeline_tree_get_process (tree, *(const guint *) b)->start_ns;

  return sa < sb ? -1 : sa > sb;
}

GPtrArray *
weft_process_groups_find (WeftTimelineTree *tree, int *group_of_process)
{
  guint n = weft_timeline_tree_get_n_processes (tree);
  GPtrArray *groups = g_ptr_array_new_with_free_func (group_free);
  /* "ppid name exec" -> GArray of process indices */
  g_autoptr (GHashTable) candidates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                             (GDestroyNotify) g_array_unref);
  GHashTableIter iter;
  gpointer value;

  for (guint i = 0; i < n; i++)
    group_of_process[i] = -1;
  /* The first process was started by weft and has no siblings. */
  for (guint i = 1; i < n; i++)
    {
      const WeftProcess *p = weft_timeline_tree_get_process (tree, i);
      char *key;
      GArray *members;

      if (!is_leaf (tree, i))
        continue;
      key = g_strdup_printf ("%u\037%s\037%s", p->ppid, weft_process_get_label (p), p->exec_path ? p->exec_path : "");
      members = g_hash_table_lookup (candidates, key);
      if (members == NULL)
        {
          members = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (candidates, key, members);
        }
      else
        g_free (key);
      g_array_append_val (members, i);
    }

  g_hash_table_iter_init (&iter, candidates);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GArray *members = value;
      WeftProcessGroup *group;
      gboolean overlap = FALSE;

      if (members->len < WEFT_GROUP_MIN_MEMBERS)
        continue;
      g_array_sort_with_data (members, compare_start, tree);
      for (guint i = 1; i < members->len && !overlap; i++)
        {
          const WeftProcess *before = weft_timeline_tree_get_process (tree, g_array_index (members, guint, i - 1));
          const WeftProcess *after = weft_timeline_tree_get_process (tree, g_array_index (members, guint, i));
          overlap = end_of (tree, before) > weft_view_time (after->start_ns);
        }
      if (overlap)
        continue;
      group = g_new0 (WeftProcessGroup, 1);
      group->n_members = members->len;
      group->members = g_memdup2 (members->data, sizeof (guint) * members->len);
      group->label = summarize_endings (tree, group);
      for (guint i = 0; i < members->len; i++)
        group_of_process[group->members[i]] = groups->len;
      g_ptr_array_add (groups, group);
    }
  return groups;
}

guint
weft_process_group_member_at (const WeftProcessGroup *group, WeftTimelineTree *tree, gint64 t)
{
  guint lo = 0, hi = group->n_members;

  /* The last member that started at or before t. */
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;
      if (weft_view_time (weft_timeline_tree_get_process (tree, group->members[mid])->start_ns) <= t)
        lo = mid;
      else
        hi = mid;
    }
  return group->members[lo];
}

/* Each member alive in the window gets the columns of its own lifetime
 * (a few pixels for a short-lived child): the cost is the row's width,
 * not members times width. */
void
weft_render_group_lane (WeftRenderContext *ctx, guint row_index, guint8 *columns)
{
  const WeftRow *row = &g_array_index (ctx->rows, WeftRow, row_index);
  const WeftProcessGroup *group = row->group;
  const WeftTimelinePalette *pal = ctx->pal;
  cairo_t *cr = ctx->cr;
  double top = weft_render_row_top (ctx, row_index);
  double inset = pal->row_height * 0.14;
  double h = pal->row_height - 2 * inset;
  double px_ns = (double) (ctx->t1 - ctx->t0) / ctx->lanes_width;
  guint first = 0, lo = 0, hi = group->n_members;

  if (row_index % 2 == 1)
    {
      weft_render_set_rgb (cr, &pal->row_alternate, 1);
      cairo_rectangle (cr, ctx->lanes_x, top, ctx->lanes_width, pal->row_height);
      cairo_fill (cr);
    }
  /* Members end in start order: the first one still alive at t0. */
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (end_of (ctx->tree, weft_timeline_tree_get_process (ctx->tree, group->members[mid])) < ctx->t0)
        lo = mid + 1;
      else
        hi = mid;
    }
  first = lo;
  for (guint m = first; m < group->n_members; m++)
    {
      const WeftProcess *p = weft_timeline_tree_get_process (ctx->tree, group->members[m]);
      gint64 start = weft_view_time (p->start_ns);
      gint64 end = end_of (ctx->tree, p);
      double x0, x1;
      guint c0, c1, n;

      if (start > ctx->t1 || start > ctx->limit)
        break;
      x0 = MAX (floor (weft_render_x (ctx, start)), ctx->lanes_x);
      x1 = MIN (ceil (weft_render_x (ctx, end)), ctx->lanes_x + ctx->lanes_width);
      c0 = (guint) (x0 - ctx->lanes_x);
      c1 = (guint) MAX (x1 - ctx->lanes_x, c0 + 1);
      n = MIN (c1 - c0, WEFT_RENDER_MAX_COLUMNS);
      if (p->threads->len == 0)
        continue;
      weft_timeline_tree_summarize (ctx->tree, weft_timeline_tree_get_first_thread (ctx->tree, group->members[m]),
                                    ctx->t0 + (gint64) (c0 * px_ns), ctx->t0 + (gint64) ((c0 + n) * px_ns), n,
                                    columns);
      for (guint i = 0; i < n; i++)
        {
          guint8 state = columns[i];
          guint j = i;

          while (j + 1 < n && columns[j + 1] == state)
            j++;
          if (state != WEFT_STATE_NONE)
            {
              weft_render_set_rgb (cr, &pal->state[state], 1);
              cairo_rectangle (cr, ctx->lanes_x + c0 + i, top + inset, j - i + 1, h);
              cairo_fill (cr);
            }
          i = j;
        }
    }
}
