/*
 * weft-event-merge.c: puts the records of per-cpu ring buffers back into
 * one stream in time order.
 *
 * Each cpu has its own ring buffer, so producers on different cpus never
 * share a lock (one shared ring lost events under contention: its lock
 * gave up on waiters).  The price is that the recorder reads the rings one
 * after another, so it keeps what it read here, per cpu and in ring order,
 * and hands records on by timestamp, only up to a time every ring has
 * already been read past.
 */
#include "weft-event-merge.h"

#include <string.h>

/* Records are kept 8-byte aligned: their headers start with a u64. */
#define ALIGNED_SIZE(size) (((size) + 7u) & ~(gsize) 7u)

typedef struct {
  GByteArray *bytes; /* records in ring order */
  gsize head;        /* offset of the first record not yet handed on */
  guint64 last_ts;   /* of the newest record added */
} CpuQueue;

struct _WeftEventMerge {
  CpuQueue *queues;
  guint n_queues;
  gsize n_pending;
};

WeftEventMerge *
weft_event_merge_new (guint n_cpus)
{
  WeftEventMerge *self = g_new0 (WeftEventMerge, 1);

  self->n_queues = MAX (n_cpus, 1);
  self->queues = g_new0 (CpuQueue, self->n_queues);
  for (guint i = 0; i < self->n_queues; i++)
    self->queues[i].bytes = g_byte_array_new ();
  return self;
}

void
weft_event_merge_free (WeftEventMerge *self)
{
  for (guint i = 0; i < self->n_queues; i++)
    g_byte_array_unref (self->queues[i].bytes);
  g_free (self->queues);
  g_free (self);
}

void
weft_event_merge_add (WeftEventMerge *self, guint cpu, const struct weft_event_header *record)
{
  CpuQueue *queue = &self->queues[MIN (cpu, self->n_queues - 1)];
  guint old_len = queue->bytes->len;

  g_byte_array_set_size (queue->bytes, old_len + ALIGNED_SIZE (record->size));
  memcpy (queue->bytes->data + old_len, record, record->size);
  queue->last_ts = MAX (queue->last_ts, record->ts);
  self->n_pending++;
}

static const struct weft_event_header *
queue_head (const CpuQueue *queue)
{
  if (queue->head >= queue->bytes->len)
    return NULL;
  return (const void *) (queue->bytes->data + queue->head);
}

static void
queue_compact (CpuQueue *queue)
{
  if (queue->head == queue->bytes->len)
    g_byte_array_set_size (queue->bytes, 0);
  else if (queue->head > 0)
    g_byte_array_remove_range (queue->bytes, 0, queue->head);
  queue->head = 0;
}

/* Hands on, oldest first, every kept record stamped at or before
 * `until_ns`; the rest stay for a later flush.  Equal times go in cpu
 * order, and each cpu's records keep their ring order. */
gboolean
weft_event_merge_flush (WeftEventMerge *self, guint64 until_ns, WeftEventSink sink,
                        gpointer user_data, GError **error)
{
  g_autofree guint *active = g_new (guint, self->n_queues);
  guint n_active = 0;
  gboolean ok = TRUE;

  for (guint i = 0; i < self->n_queues; i++)
    if (queue_head (&self->queues[i]))
      active[n_active++] = i;

  while (ok)
    {
      const struct weft_event_header *record, *best_head;
      guint best = 0;

      /* Drop the cpus with nothing left before until_ns, then take the
       * oldest head; a linear scan, as few cpus have records at once. */
      for (guint a = 0; a < n_active;)
        {
          const struct weft_event_header *head = queue_head (&self->queues[active[a]]);

          if (!head || head->ts > until_ns)
            active[a] = active[--n_active];
          else
            a++;
        }
      if (n_active == 0)
        break;
      best_head = queue_head (&self->queues[active[0]]);
      for (guint a = 1; a < n_active; a++)
        {
          const struct weft_event_header *head = queue_head (&self->queues[active[a]]);

          if (head->ts < best_head->ts || (head->ts == best_head->ts && active[a] < active[best]))
            {
              best = a;
              best_head = head;
            }
        }
      record = best_head;
      self->queues[active[best]].head += ALIGNED_SIZE (record->size);
      self->n_pending--;
      ok = sink (record, user_data, error);
    }
  for (guint i = 0; i < self->n_queues; i++)
    queue_compact (&self->queues[i]);
  return ok;
}

/* The newest time read from `cpu`'s ring so far (0 before any). */
guint64
weft_event_merge_get_last_ts (WeftEventMerge *self, guint cpu)
{
  return self->queues[MIN (cpu, self->n_queues - 1)].last_ts;
}

gsize
weft_event_merge_get_n_pending (WeftEventMerge *self)
{
  return self->n_pending;
}
