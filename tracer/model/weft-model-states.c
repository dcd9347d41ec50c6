/*
 * weft-model-states.c: per-thread state intervals and their queries.
 *
 * A thread's life is an array of 8-byte spans (start + state); each lasts
 * until the next one starts.  Spans are grouped in blocks of at most
 * SPAN_BLOCK sharing a base time and holding the cumulative time per state
 * before them, so the time per state in any window costs two binary
 * searches and two short scans: drawing N pixel columns is O(N log n)
 * whatever the number of events.
 */
#include "weft-model-private.h"

#include <string.h>

void
weft_thread_spans_init (WeftThreadPriv *thread)
{
  thread->spans = g_array_new (FALSE, FALSE, sizeof (WeftSpan));
  thread->blocks = g_array_new (FALSE, FALSE, sizeof (WeftSpanBlock));
}

void
weft_thread_spans_clear (WeftThreadPriv *thread)
{
  g_clear_pointer (&thread->spans, g_array_unref);
  g_clear_pointer (&thread->blocks, g_array_unref);
}

static inline WeftSpan *
span_at (const WeftThreadPriv *thread, guint i)
{
  return &g_array_index (thread->spans, WeftSpan, i);
}

static inline WeftSpanBlock *
block_at (const WeftThreadPriv *thread, guint k)
{
  return &g_array_index (thread->blocks, WeftSpanBlock, k);
}

/* The block holding span i. */
static guint
block_of (const WeftThreadPriv *thread, guint i)
{
  guint lo = 0, hi = thread->blocks->len;

  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (block_at (thread, mid)->first <= i)
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

static inline guint64
span_start (const WeftThreadPriv *thread, guint i)
{
  return block_at (thread, block_of (thread, i))->base + span_at (thread, i)->offset;
}

static inline guint32
pack_info (WeftThreadState state, guint stat, gboolean preempted, guint32 wait)
{
  if (wait > SPAN_MAX_WAIT)
    wait = 0;
  return (state & 0xf) | ((stat & 0x7) << 4) | ((preempted ? 1u : 0u) << 7) | (wait << 8);
}

WeftThreadState
weft_thread_current_state (WeftThreadPriv *thread)
{
  if (thread->spans->len == 0)
    return WEFT_STATE_NONE;
  return SPAN_STATE (span_at (thread, thread->spans->len - 1));
}

guint64
weft_thread_last_span_start (WeftThreadPriv *thread)
{
  if (thread->spans->len == 0)
    return 0;
  return block_at (thread, thread->blocks->len - 1)->base +
         span_at (thread, thread->spans->len - 1)->offset;
}

void
weft_thread_push_span (WeftThreadPriv *thread, guint64 t, WeftThreadState state, guint stat,
                       gboolean preempted, guint32 wait)
{
  guint32 info = pack_info (state, stat, preempted, wait);
  guint n = thread->spans->len;
  WeftSpanBlock *block = n > 0 ? block_at (thread, thread->blocks->len - 1) : NULL;
  WeftSpan span = { .info = info };

  if (n > 0)
    {
      WeftSpan *last = span_at (thread, n - 1);
      guint64 last_start = block->base + last->offset;

      if (last->info == info)
        return;
      /* Events from different cpus may arrive slightly out of order:
       * never let time run backwards inside a thread. */
      if (t <= last_start)
        {
          WeftSpan *before = n >= 2 ? span_at (thread, n - 2) : NULL;

          if (before && before->info == info)
            {
              /* The span before already says this: the last one is empty. */
              thread->closed_totals[SPAN_STATE (before)] -= last_start - span_start (thread, n - 2);
              if (block->first == n - 1)
                g_array_set_size (thread->blocks, thread->blocks->len - 1);
              g_array_set_size (thread->spans, n - 1);
            }
          else
            last->info = info;
          return;
        }
      thread->closed_totals[SPAN_STATE (last)] += t - last_start;
    }
  if (!block || n - block->first >= SPAN_BLOCK || t - block->base > G_MAXUINT32)
    {
      WeftSpanBlock fresh = { .base = t, .first = n };

      memcpy (fresh.totals, thread->closed_totals, sizeof fresh.totals);
      g_array_append_val (thread->blocks, fresh);
      block = block_at (thread, thread->blocks->len - 1);
    }
  span.offset = t - block->base;
  g_array_append_val (thread->spans, span);
}

static guint
stat_for (WeftThreadPriv *thread, WeftThreadState state)
{
  switch (state)
    {
    case WEFT_STATE_RUNNING:
    case WEFT_STATE_RUNNABLE:
      return STAT_R;
    case WEFT_STATE_STOPPED:
      return STAT_T;
    case WEFT_STATE_ZOMBIE:
      return STAT_Z;
    case WEFT_STATE_NONE:
      return STAT_UNKNOWN;
    default:
      if (thread->sched == SCHED_OFF && thread->sched_stat == STAT_D)
        return STAT_D;
      return STAT_S;
    }
}

void
weft_thread_update_state (WeftModel *self, WeftThreadPriv *thread, guint64 t)
{
  WeftThreadState state;
  gboolean preempted = FALSE;
  guint32 wait = 0;

  if (thread->exited)
    return;
  switch (thread->sched)
    {
    case SCHED_ON_CPU:
      state = WEFT_STATE_RUNNING;
      break;
    case SCHED_RUNNABLE:
      state = WEFT_STATE_RUNNABLE;
      preempted = thread->preempted;
      break;
    case SCHED_OFF:
      if (thread->sched_stat == STAT_T)
        state = WEFT_STATE_STOPPED;
      else if (thread->sys.state != WEFT_STATE_RUNNING)
        state = thread->sys.state, wait = weft_thread_store_wait (self, thread);
      else if (thread->sched_stat == STAT_D)
        state = WEFT_STATE_DISK;
      else
        state = WEFT_STATE_SLEEP;
      break;
    case SCHED_UNKNOWN:
    default:
      /* Without scheduler events, a thread in a blocking syscall is
       * blocked and otherwise counted as running. */
      state = thread->sys.state;
      wait = weft_thread_store_wait (self, thread);
      break;
    }
  weft_thread_push_span (thread, t, state, stat_for (thread, state), preempted, wait);
}

/* ---- queries ---- */

static WeftThreadPriv *
priv (const WeftThread *thread)
{
  return (WeftThreadPriv *) thread;
}

/* Spans that count as intervals: a trailing NONE only marks the end. */
static guint
n_visible (const WeftThreadPriv *thread)
{
  guint n = thread->spans->len;

  if (n > 0 && SPAN_STATE (span_at (thread, n - 1)) == WEFT_STATE_NONE)
    n--;
  return n;
}

guint
weft_model_thread_n_intervals (WeftModel *self, const WeftThread *thread)
{
  return n_visible (priv (thread));
}

static guint64
span_end (WeftModel *self, const WeftThreadPriv *thread, guint i)
{
  if (i + 1 < thread->spans->len)
    return span_start (thread, i + 1);
  return MAX (self->now, span_start (thread, i));
}

static const char stat_letters[] = "?RSDTZ??";

void
weft_model_thread_get_interval (WeftModel *self, const WeftThread *thread, guint index,
                                WeftStateInterval *out)
{
  const WeftThreadPriv *t = priv (thread);
  const WeftSpan *span;

  g_return_if_fail (index < t->spans->len);
  span = span_at (t, index);
  out->start_ns = span_start (t, index);
  out->end_ns = span_end (self, t, index);
  out->state = SPAN_STATE (span);
  out->stat = stat_letters[SPAN_STAT (span)];
  out->open = index + 1 == t->spans->len;
  out->preempted = SPAN_PREEMPTED (span);
  out->wait = SPAN_WAIT (span);
}

/* Last span starting at or before t, or -1; *block_out gets its block. */
static gint
find_span_in (const WeftThreadPriv *thread, guint64 t, guint *block_out)
{
  guint lo = *block_out, step = 1, hi, end;
  const WeftSpanBlock *block;
  guint64 offset;

  if (thread->spans->len == 0 || block_at (thread, 0)->base > t)
    return -1;
  /* The last block with base <= t, galloping forward from the caller's
   * block (its base must be <= t): a scan of growing times, as a row of
   * columns is, pays for the distance it moves, not for the whole row. */
  if (lo >= thread->blocks->len || block_at (thread, lo)->base > t)
    lo = 0;
  while (lo + step < thread->blocks->len && block_at (thread, lo + step)->base <= t)
    {
      lo += step;
      step *= 2;
    }
  hi = MIN (lo + step, thread->blocks->len);
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (block_at (thread, mid)->base <= t)
        lo = mid;
      else
        hi = mid;
    }
  block = block_at (thread, lo);
  end = lo + 1 < thread->blocks->len ? block_at (thread, lo + 1)->first : thread->spans->len;
  offset = t - block->base;
  *block_out = lo;
  if (offset > G_MAXUINT32)
    return end - 1;
  /* Last span of the block with offset <= t - base. */
  {
    guint l = block->first, h = end;

    while (h - l > 1)
      {
        guint mid = l + (h - l) / 2;

        if (span_at (thread, mid)->offset <= offset)
          l = mid;
        else
          h = mid;
      }
    return l;
  }
}

static gint
find_span (const WeftThreadPriv *thread, guint64 t)
{
  guint block = 0;

  return find_span_in (thread, t, &block);
}

gint
weft_model_thread_find_interval (WeftModel *self, const WeftThread *thread, guint64 t)
{
  const WeftThreadPriv *tp = priv (thread);
  gint i = find_span (tp, t);

  if (i < 0 || (guint) i >= n_visible (tp))
    return -1;
  if ((guint) i + 1 == tp->spans->len && t > self->now)
    return -1;
  return i;
}

GArray *
weft_model_thread_intervals (WeftModel *self, const WeftThread *thread, guint64 t0, guint64 t1)
{
  const WeftThreadPriv *tp = priv (thread);
  GArray *result = g_array_new (FALSE, FALSE, sizeof (WeftStateInterval));
  guint n = n_visible (tp);
  gint first = find_span (tp, t0);

  if (first < 0)
    first = 0;
  for (guint i = first; i < n; i++)
    {
      WeftStateInterval interval;

      weft_model_thread_get_interval (self, thread, i, &interval);
      if (interval.start_ns >= t1)
        break;
      if (interval.end_ns <= t0 && !(interval.start_ns == interval.end_ns && interval.start_ns == t0))
        continue;
      g_array_append_val (result, interval);
    }
  return result;
}

/* Cumulative time per state from the thread's start up to time t.
 * *block is where to start looking (0, or the block of an earlier t). */
static void
cumulative_at (WeftModel *self, const WeftThreadPriv *thread, guint64 t, guint *block_hint, guint64 *out)
{
  guint k = *block_hint;
  gint i = find_span_in (thread, t, &k);
  const WeftSpanBlock *block;
  guint64 start;

  memset (out, 0, sizeof (guint64) * WEFT_N_STATES);
  if (i < 0)
    return;
  *block_hint = k;
  block = block_at (thread, k);
  memcpy (out, block->totals, sizeof block->totals);
  /* Spans of one block share its base, so durations are offset differences. */
  for (guint j = block->first; j < (guint) i; j++)
    out[SPAN_STATE (span_at (thread, j))] += span_at (thread, j + 1)->offset - span_at (thread, j)->offset;
  start = block->base + span_at (thread, i)->offset;
  /* The open last span ends at "now". */
  if ((guint) i + 1 == thread->spans->len)
    t = MIN (t, MAX (self->now, start));
  out[SPAN_STATE (span_at (thread, i))] += t - start;
}

void
weft_model_thread_state_totals (WeftModel *self, const WeftThread *thread, guint64 t0,
                                guint64 t1, guint64 *out)
{
  guint64 before[WEFT_N_STATES];
  guint hint = 0;

  if (t1 < t0)
    t1 = t0;
  cumulative_at (self, priv (thread), t0, &hint, before);
  cumulative_at (self, priv (thread), t1, &hint, out);
  for (guint s = 0; s < WEFT_N_STATES; s++)
    out[s] -= before[s];
}

void
weft_model_thread_bins (WeftModel *self, const WeftThread *thread, guint64 t0, guint64 t1,
                        guint n_columns, WeftStateBin *out)
{
  const WeftThreadPriv *tp = priv (thread);
  guint64 previous[WEFT_N_STATES], current[WEFT_N_STATES];
  guint hint = 0;
  double width;

  if (n_columns == 0)
    return;
  if (t1 <= t0)
    t1 = t0 + 1;
  width = (double) (t1 - t0) / n_columns;
  cumulative_at (self, tp, t0, &hint, previous);
  for (guint c = 0; c < n_columns; c++)
    {
      guint64 c0 = t0 + (guint64) (width * c);
      guint64 c1 = c + 1 == n_columns ? t1 : t0 + (guint64) (width * (c + 1));
      guint64 best = 0;
      WeftThreadState dominant = WEFT_STATE_NONE;
      guint16 present = 0;

      cumulative_at (self, tp, c1, &hint, current);
      for (guint s = 0; s < WEFT_N_STATES; s++)
        {
          guint64 d = current[s] - previous[s];

          if (d > 0)
            present |= 1u << s;
          if (s != WEFT_STATE_NONE && d > best)
            best = d, dominant = s;
        }
      /* A state shorter than the column still shows when nothing else
       * does (e.g. a thread that lived for a microsecond). */
      if (dominant == WEFT_STATE_NONE && c1 > c0)
        {
          gint i = find_span (tp, c0);

          if (i >= 0 && (guint) i < n_visible (tp) &&
              !((guint) i + 1 == tp->spans->len && c0 > self->now))
            dominant = SPAN_STATE (span_at (tp, i));
        }
      out[c].dominant = dominant;
      out[c].present = present;
      memcpy (previous, current, sizeof previous);
    }
}
