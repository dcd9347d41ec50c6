/* weft-timeline-phenomena.c: the replay's "next phenomenon" and its sentence. */
#include "weft-timeline-phenomena.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "weft-timeline-groups.h"
#include "weft-timeline-renderer.h"

/* Better than best in the direction of the search; ties go to the earlier
 * kind in the enum (a fork before the exit at the same instant).  TRUE
 * when it is the best now. */
static gboolean
consider (WeftPhenomenon *best, gboolean *found, gint64 t, gboolean forward, WeftPhenomenonKind kind,
          gint64 at, int process, int deadlock)
{
  if (at < 0 || (forward ? at <= t : at >= t))
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
consider_group (WeftTimelineSource *source, const WeftProcessGroup *group, WeftPhenomenon *best,
                gboolean *found, gint64 t, gboolean forward)
{
  guint first = group->members[0], last = group->members[group->n_members - 1];
  const WeftSourceProcess *p = weft_timeline_source_get_process (source, last);
  gint64 end = p->reap_ns >= 0 ? p->reap_ns : p->exit_ns;

  if (consider (best, found, t, forward, WEFT_PHENOMENON_GROUP_START,
                weft_timeline_source_get_process (source, first)->start_ns, first, -1))
    best->group_size = group->n_members;
  if (consider (best, found, t, forward, WEFT_PHENOMENON_GROUP_END, end, last, -1))
    best->group_size = group->n_members;
}

gboolean
weft_timeline_source_find_phenomenon (WeftTimelineSource *source, gint64 t, gboolean forward, WeftPhenomenon *out)
{
  guint n = weft_timeline_source_get_n_processes (source);
  g_autofree int *group_of = g_new (int, MAX (n, 1));
  g_autoptr (GPtrArray) groups = weft_process_groups_find (source, group_of);
  gboolean found = FALSE;

  for (guint i = 0; i < groups->len; i++)
    consider_group (source, g_ptr_array_index (groups, i), out, &found, t, forward);
  for (guint i = 0; i < n; i++)
    {
      const WeftSourceProcess *p = weft_timeline_source_get_process (source, i);
      gboolean lingers = p->exit_ns >= 0 && p->reap_ns != p->exit_ns;

      if (group_of[i] >= 0)
        continue;
      /* The first process was started by weft: its start is not a fork. */
      if (i > 0)
        consider (out, &found, t, forward, WEFT_PHENOMENON_FORK, p->start_ns, i, -1);
      consider (out, &found, t, forward, lingers ? WEFT_PHENOMENON_ZOMBIE : WEFT_PHENOMENON_EXIT, p->exit_ns, i, -1);
      if (lingers)
        consider (out, &found, t, forward, WEFT_PHENOMENON_REAP, p->reap_ns, i, -1);
      consider (out, &found, t, forward, WEFT_PHENOMENON_ORPHAN, p->reparent_ns, i, -1);
    }
  for (guint i = 0; i < weft_timeline_source_get_n_deadlocks (source); i++)
    consider (out, &found, t, forward, WEFT_PHENOMENON_DEADLOCK,
              weft_timeline_source_get_deadlock (source, i)->at_ns, -1, i);
  return found;
}

static const char *
name_of_pid (WeftTimelineSource *source, guint32 pid)
{
  for (guint i = 0; i < weft_timeline_source_get_n_processes (source); i++)
    if (weft_timeline_source_get_process (source, i)->pid == pid)
      return weft_timeline_source_get_process (source, i)->name;
  return NULL;
}

char *
weft_process_exit_text (const WeftSourceProcess *p)
{
  if (p->exit_signal > 0)
    {
      const char *abbrev = sigabbrev_np (p->exit_signal);
      return abbrev ? g_strdup_printf (_("killed by SIG%s"), abbrev)
                    : g_strdup_printf (_("killed by signal %d"), p->exit_signal);
    }
  return g_strdup_printf (_("exit %d"), p->exit_code);
}

/* "300 × true, all exit 0": the label of the group process belongs to. */
static char *
group_summary (WeftTimelineSource *source, int process)
{
  guint n = weft_timeline_source_get_n_processes (source);
  g_autofree int *group_of = g_new (int, MAX (n, 1));
  g_autoptr (GPtrArray) groups = weft_process_groups_find (source, group_of);

  if (process < 0 || (guint) process >= n || group_of[process] < 0)
    return NULL;
  return g_strdup (((WeftProcessGroup *) g_ptr_array_index (groups, group_of[process]))->label);
}

char *
weft_phenomenon_describe (WeftTimelineSource *source, const WeftPhenomenon *phenomenon)
{
  g_autofree char *at = weft_format_duration (phenomenon->at_ns);
  const WeftSourceProcess *p = phenomenon->process >= 0
                               ? weft_timeline_source_get_process (source, phenomenon->process) : NULL;
  g_autofree char *ended = p ? weft_process_exit_text (p) : NULL;
  const char *parent = p ? name_of_pid (source, p->ppid) : NULL;
  const char *reaper = p ? name_of_pid (source, p->reaped_by) : NULL;
  const char *adopter = p ? name_of_pid (source, p->reparented_to) : NULL;

  switch (phenomenon->kind)
    {
    case WEFT_PHENOMENON_FORK:
      /* Translators: at 1.2 ms: fork: make 120 starts sh 121 */
      return g_strdup_printf (_("%s: fork: %s %u starts %s %u"), at, parent ? parent : "?", p->ppid,
                              p->name, p->pid);
    case WEFT_PHENOMENON_EXIT:
      return g_strdup_printf (_("%s: %s %u ends (%s) and is reaped at once"), at, p->name, p->pid, ended);
    case WEFT_PHENOMENON_ZOMBIE:
      return g_strdup_printf (_("%s: %s %u ends (%s): a zombie until its parent waits for it"), at, p->name,
                              p->pid, ended);
    case WEFT_PHENOMENON_REAP:
      if (p->reaped_by)
        return g_strdup_printf (_("%s: %s %u reaps the zombie %s %u"), at, reaper ? reaper : "?", p->reaped_by,
                                p->name, p->pid);
      return g_strdup_printf (_("%s: the zombie %s %u is reaped"), at, p->name, p->pid);
    case WEFT_PHENOMENON_ORPHAN:
      return g_strdup_printf (_("%s: %s %u is orphaned and adopted by %s %u"), at, p->name, p->pid,
                              adopter ? adopter : "?", p->reparented_to);
    case WEFT_PHENOMENON_GROUP_START:
      /* Translators: at 1.2 ms: sh 120 starts 300 × true, one after another */
      return g_strdup_printf (_("%s: %s %u starts %u × %s, one after another"), at, parent ? parent : "?",
                              p->ppid, phenomenon->group_size, p->name);
    case WEFT_PHENOMENON_GROUP_END:
      {
        g_autofree char *summary = group_summary (source, phenomenon->process);

        /* Translators: at 1.2 s: the last of 300 × true has ended (300 × true, all exit 0) */
        return g_strdup_printf (_("%s: the last of %u × %s has ended (%s)"), at, phenomenon->group_size,
                                p->name, summary ? summary : ended);
      }
    case WEFT_PHENOMENON_DEADLOCK:
    default:
      return weft_timeline_describe_deadlock (source,
                                              weft_timeline_source_get_deadlock (source, phenomenon->deadlock));
    }
}
