/* weft-timeline-phenomena.c: the replay's "next phenomenon" and its sentence. */
#include "weft-timeline-phenomena.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "weft-event-text.h"
#include "weft-timeline-groups.h"
#include "weft-timeline-renderer.h"

/* Better than best in the direction of the search; ties go to the earlier
 * kind in the enum (a fork before the exit at the same instant).  TRUE
 * when it is the best now. */
static gboolean
consider (WeftPhenomenon *best, gboolean *found, gint64 t, gboolean forward, WeftPhenomenonKind kind,
          guint64 model_at, int process, int deadlock)
{
  gint64 at = weft_view_time (model_at);

  if (model_at == WEFT_TIME_NONE || (forward ? at <= t : at >= t))
    return FALSE;
  if (*found && (forward ? at >= best->at_ns : at <= best->at_ns))
    return FALSE;
  *best = (WeftPhenomenon) { kind, at, process, deadlock, 0 };
  *found = TRUE;
  return TRUE;
}

/* A group is two stops: its first member's start, and its last member's
 * end (once every member has ended). */
static void
consider_group (WeftTimelineTree *tree, const WeftProcessGroup *group, WeftPhenomenon *best,
                gboolean *found, gint64 t, gboolean forward)
{
  guint first = group->members[0], last = group->members[group->n_members - 1];
  const WeftProcess *p = weft_timeline_tree_get_process (tree, last);
  guint64 end = p->reap_ns != WEFT_TIME_NONE ? p->reap_ns : p->exit_ns;

  if (consider (best, found, t, forward, WEFT_PHENOMENON_GROUP_START,
                weft_timeline_tree_get_process (tree, first)->start_ns, first, -1))
    best->group_size = group->n_members;
  if (consider (best, found, t, forward, WEFT_PHENOMENON_GROUP_END, end, last, -1))
    best->group_size = group->n_members;
}

gboolean
weft_timeline_tree_find_phenomenon (WeftTimelineTree *tree, gint64 t, gboolean forward, WeftPhenomenon *out)
{
  guint n = weft_timeline_tree_get_n_processes (tree);
  g_autofree int *group_of = g_new (int, MAX (n, 1));
  g_autoptr (GPtrArray) groups = weft_process_groups_find (tree, group_of);
  GPtrArray *deadlocks = weft_model_get_deadlocks (weft_timeline_tree_get_model (tree));
  gboolean found = FALSE;

  for (guint i = 0; i < groups->len; i++)
    consider_group (tree, g_ptr_array_index (groups, i), out, &found, t, forward);
  for (guint i = 0; i < n; i++)
    {
      const WeftProcess *p = weft_timeline_tree_get_process (tree, i);
      gboolean lingers = weft_process_left_zombie (p);

      if (group_of[i] >= 0)
        continue;
      /* The first process was started by weft: its start is not a fork. */
      if (i > 0)
        consider (out, &found, t, forward, WEFT_PHENOMENON_FORK, p->start_ns, i, -1);
      consider (out, &found, t, forward, lingers ? WEFT_PHENOMENON_ZOMBIE : WEFT_PHENOMENON_EXIT, p->exit_ns, i, -1);
      if (lingers)
        consider (out, &found, t, forward, WEFT_PHENOMENON_REAP, p->reap_ns, i, -1);
      consider (out, &found, t, forward, WEFT_PHENOMENON_ORPHAN, p->reparented_ns, i, -1);
    }
  for (guint i = 0; i < deadlocks->len; i++)
    consider (out, &found, t, forward, WEFT_PHENOMENON_DEADLOCK,
              ((const WeftDeadlock *) g_ptr_array_index (deadlocks, i))->at_ns, -1, (int) i);
  return found;
}

static const char *
name_of_pid (WeftTimelineTree *tree, guint32 pid)
{
  int index = weft_timeline_tree_find_process (tree, pid);

  return index >= 0 ? weft_process_get_label (weft_timeline_tree_get_process (tree, index)) : NULL;
}

char *
weft_process_exit_text (const WeftProcess *p)
{
  int signal = weft_process_get_exit_signal (p);

  if (signal > 0)
    {
      const char *name = weft_signal_lookup (signal);
      return name ? g_strdup_printf (_("killed by %s"), name)
                  : g_strdup_printf (_("killed by signal %d"), signal);
    }
  return g_strdup_printf (_("exit %d"), weft_process_get_exit_code (p));
}

/* "300 × true, all exit 0": the label of the group process belongs to. */
static char *
group_summary (WeftTimelineTree *tree, int process)
{
  guint n = weft_timeline_tree_get_n_processes (tree);
  g_autofree int *group_of = g_new (int, MAX (n, 1));
  g_autoptr (GPtrArray) groups = weft_process_groups_find (tree, group_of);

  if (process < 0 || (guint) process >= n || group_of[process] < 0)
    return NULL;
  return g_strdup (((WeftProcessGroup *) g_ptr_array_index (groups, group_of[process]))->label);
}

char *
weft_phenomenon_describe (WeftTimelineTree *tree, const WeftPhenomenon *phenomenon)
{
  g_autofree char *at = weft_format_duration (phenomenon->at_ns);
  const WeftProcess *p = phenomenon->process >= 0
                         ? weft_timeline_tree_get_process (tree, phenomenon->process) : NULL;
  const char *name = p ? weft_process_get_label (p) : NULL;
  g_autofree char *ended = p ? weft_process_exit_text (p) : NULL;
  const char *parent = p ? name_of_pid (tree, p->ppid) : NULL;
  const char *reaper = p ? name_of_pid (tree, p->reaped_by) : NULL;
  const char *adopter = p ? name_of_pid (tree, p->reparented_to) : NULL;

  switch (phenomenon->kind)
    {
    case WEFT_PHENOMENON_FORK:
      /* Translators: at 1.2 ms: fork: make 120 starts sh 121 */
      return g_strdup_printf (_("%s: fork: %s %u starts %s %u"), at, parent ? parent : "?", p->ppid,
                              name, p->pid);
    case WEFT_PHENOMENON_EXIT:
      return g_strdup_printf (_("%s: %s %u ends (%s) and is reaped at once"), at, name, p->pid, ended);
    case WEFT_PHENOMENON_ZOMBIE:
      return g_strdup_printf (_("%s: %s %u ends (%s): a zombie until its parent waits for it"), at, name,
                              p->pid, ended);
    case WEFT_PHENOMENON_REAP:
      if (p->reaped_by)
        return g_strdup_printf (_("%s: %s %u reaps the zombie %s %u"), at, reaper ? reaper : "?", p->reaped_by,
                                name, p->pid);
      return g_strdup_printf (_("%s: the zombie %s %u is reaped"), at, name, p->pid);
    case WEFT_PHENOMENON_ORPHAN:
      return g_strdup_printf (_("%s: %s %u is orphaned and adopted by %s %u"), at, name, p->pid,
                              adopter ? adopter : "?", p->reparented_to);
    case WEFT_PHENOMENON_GROUP_START:
      /* Translators: at 1.2 ms: sh 120 starts 300 × true, one after another */
      return g_strdup_printf (_("%s: %s %u starts %u × %s, one after another"), at, parent ? parent : "?",
                              p->ppid, phenomenon->group_size, name);
    case WEFT_PHENOMENON_GROUP_END:
      {
        g_autofree char *summary = group_summary (tree, phenomenon->process);

        /* Translators: at 1.2 s: the last of 300 × true has ended (300 × true, all exit 0) */
        return g_strdup_printf (_("%s: the last of %u × %s has ended (%s)"), at, phenomenon->group_size,
                                name, summary ? summary : ended);
      }
    case WEFT_PHENOMENON_DEADLOCK:
    default:
      return weft_timeline_describe_deadlock (
        tree, g_ptr_array_index (weft_model_get_deadlocks (weft_timeline_tree_get_model (tree)), phenomenon->deadlock));
    }
}
