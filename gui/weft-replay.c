/* weft-replay.c: a frame-rate timer that moves the playhead. */
#include "weft-replay.h"

#include <math.h>

#define TICK_MS 16
/* Paced by events: one event every this much wall-clock time. */
#define EVENT_PACE_US 500000
#define MIN_SPEED 0.001
#define MAX_SPEED 10.0

struct _WeftReplay {
  GObject parent_instance;

  WeftTimelineTree *tree;
  gint64 playhead;
  gboolean playing;
  double speed;
  gboolean by_events;
  gint64 pace_us;      /* wall-clock time since the last paced step */
  double carry_ns;     /* what slow speeds advance by less than 1 ns a tick */
  guint tick_id;
  gint64 last_tick_us;
};

G_DEFINE_FINAL_TYPE (WeftReplay, weft_replay, G_TYPE_OBJECT)

enum { PROP_0, PROP_PLAYHEAD, PROP_PLAYING, PROP_SPEED, PROP_BY_EVENTS, N_PROPS };
static GParamSpec *properties[N_PROPS];

static gint64
duration_of (WeftReplay *self)
{
  return self->tree ? weft_timeline_tree_get_duration (self->tree) : 0;
}

static gboolean
on_tick (gpointer data)
{
  WeftReplay *self = data;
  gint64 now = g_get_monotonic_time ();

  weft_replay_advance (self, now - self->last_tick_us);
  self->last_tick_us = now;
  return self->playing ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static gboolean
step_to_next (WeftReplay *self)
{
  guint64 next = weft_model_next_event (weft_timeline_tree_get_model (self->tree), (guint64) MAX (self->playhead, 0));

  if (next == WEFT_TIME_NONE)
    {
      weft_replay_seek (self, duration_of (self));
      return FALSE;
    }
  weft_replay_seek (self, weft_view_time (next));
  return TRUE;
}

void
weft_replay_advance (WeftReplay *self, gint64 elapsed_us)
{
  double advance;
  gint64 t;

  if (self->tree == NULL)
    return;
  if (self->by_events)
    {
      /* One event per pace, however far apart they are in trace time. */
      for (self->pace_us += elapsed_us; self->pace_us >= EVENT_PACE_US; self->pace_us -= EVENT_PACE_US)
        if (!step_to_next (self))
          {
            self->pace_us = 0;
            weft_replay_set_playing (self, FALSE);
            return;
          }
      return;
    }
  advance = elapsed_us * 1000.0 * self->speed + self->carry_ns;
  self->carry_ns = advance - floor (advance);
  t = MAX (self->playhead, 0) + (gint64) floor (advance);
  if (t >= duration_of (self))
    {
      t = duration_of (self);
      weft_replay_set_playing (self, FALSE);
    }
  weft_replay_seek (self, t);
}

static void
stop_timer (WeftReplay *self)
{
  if (self->tick_id)
    {
      g_source_remove (self->tick_id);
      self->tick_id = 0;
    }
}

void
weft_replay_set_playing (WeftReplay *self, gboolean playing)
{
  if (self->tree == NULL)
    playing = FALSE;
  if (self->playing == playing)
    return;
  self->playing = playing;
  stop_timer (self);
  if (playing)
    {
      /* Playing from the end, or from "everything shown", starts over. */
      if (self->playhead < 0 || self->playhead >= duration_of (self))
        weft_replay_seek (self, 0);
      self->last_tick_us = g_get_monotonic_time ();
      self->pace_us = 0;
      self->carry_ns = 0;
      self->tick_id = g_timeout_add (TICK_MS, on_tick, self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

gboolean
weft_replay_get_playing (WeftReplay *self)
{
  return self->playing;
}

void
weft_replay_seek (WeftReplay *self, gint64 t)
{
  t = t < 0 ? -1 : MIN (t, duration_of (self));
  if (self->playhead == t)
    return;
  self->playhead = t;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYHEAD]);
}

gint64
weft_replay_get_playhead (WeftReplay *self)
{
  return self->playhead;
}

void
weft_replay_set_speed (WeftReplay *self, double speed)
{
  speed = CLAMP (speed, MIN_SPEED, MAX_SPEED);
  if (self->speed == speed)
    return;
  self->speed = speed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPEED]);
}

double
weft_replay_get_speed (WeftReplay *self)
{
  return self->speed;
}

void
weft_replay_set_by_events (WeftReplay *self, gboolean by_events)
{
  if (self->by_events == by_events)
    return;
  self->by_events = by_events;
  self->pace_us = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BY_EVENTS]);
}

gboolean
weft_replay_get_by_events (WeftReplay *self)
{
  return self->by_events;
}

gboolean
weft_replay_step (WeftReplay *self)
{
  if (self->tree == NULL)
    return FALSE;
  weft_replay_set_playing (self, FALSE);
  return step_to_next (self);
}

gboolean
weft_replay_jump (WeftReplay *self, gboolean forward, WeftPhenomenon *out)
{
  gint64 from = self->playhead;

  if (self->tree == NULL)
    return FALSE;
  weft_replay_set_playing (self, FALSE);
  /* Not replaying yet: forward starts from the beginning, backward from the end. */
  if (from < 0)
    from = forward ? -1 : duration_of (self) + 1;
  if (!weft_timeline_tree_find_phenomenon (self->tree, from, forward, out))
    return FALSE;
  weft_replay_seek (self, out->at_ns);
  return TRUE;
}

void
weft_replay_set_tree (WeftReplay *self, WeftTimelineTree *tree)
{
  weft_replay_set_playing (self, FALSE);
  g_set_object (&self->tree, tree);
  weft_replay_seek (self, -1);
}

static void
weft_replay_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  WeftReplay *self = WEFT_REPLAY (object);

  switch (prop_id)
    {
    case PROP_PLAYHEAD: g_value_set_int64 (value, self->playhead); break;
    case PROP_PLAYING: g_value_set_boolean (value, self->playing); break;
    case PROP_SPEED: g_value_set_double (value, self->speed); break;
    case PROP_BY_EVENTS: g_value_set_boolean (value, self->by_events); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
weft_replay_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  WeftReplay *self = WEFT_REPLAY (object);

  switch (prop_id)
    {
    case PROP_PLAYHEAD: weft_replay_seek (self, g_value_get_int64 (value)); break;
    case PROP_PLAYING: weft_replay_set_playing (self, g_value_get_boolean (value)); break;
    case PROP_SPEED: weft_replay_set_speed (self, g_value_get_double (value)); break;
    case PROP_BY_EVENTS: weft_replay_set_by_events (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
weft_replay_dispose (GObject *object)
{
  WeftReplay *self = WEFT_REPLAY (object);

  stop_timer (self);
  g_clear_object (&self->tree);
  G_OBJECT_CLASS (weft_replay_parent_class)->dispose (object);
}

static void
weft_replay_class_init (WeftReplayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = weft_replay_dispose;
  object_class->get_property = weft_replay_get_property;
  object_class->set_property = weft_replay_set_property;
  properties[PROP_PLAYHEAD] = g_param_spec_int64 ("playhead", NULL, NULL, -1, G_MAXINT64, -1,
                                                  G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLAYING] = g_param_spec_boolean ("playing", NULL, NULL, FALSE,
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SPEED] = g_param_spec_double ("speed", NULL, NULL, MIN_SPEED, MAX_SPEED, 1,
                                                G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BY_EVENTS] = g_param_spec_boolean ("by-events", NULL, NULL, FALSE,
                                                     G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
weft_replay_init (WeftReplay *self)
{
  self->playhead = -1;
  self->speed = 1;
}

WeftReplay *
weft_replay_new (void)
{
  return g_object_new (WEFT_TYPE_REPLAY, NULL);
}
