/* weft-replay.c: a frame-rate timer that moves the playhead. */
#include "weft-replay.h"

#define TICK_MS 16

struct _WeftReplay {
  GObject parent_instance;

  WeftTimelineSource *source;
  gint64 playhead;
  gboolean playing;
  double speed;
  guint tick_id;
  gint64 last_tick_us;
};

G_DEFINE_FINAL_TYPE (WeftReplay, weft_replay, G_TYPE_OBJECT)

enum { PROP_0, PROP_PLAYHEAD, PROP_PLAYING, PROP_SPEED, N_PROPS };
static GParamSpec *properties[N_PROPS];

static gint64
duration_of (WeftReplay *self)
{
  return self->source ? weft_timeline_source_get_duration (self->source) : 0;
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

void
weft_replay_advance (WeftReplay *self, gint64 elapsed_us)
{
  gint64 t = MAX (self->playhead, 0) + (gint64) (elapsed_us * 1000 * self->speed);

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
  if (self->source == NULL)
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
  speed = CLAMP (speed, 0.1, 10.0);
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

gboolean
weft_replay_step (WeftReplay *self)
{
  gint64 next;

  if (self->source == NULL)
    return FALSE;
  weft_replay_set_playing (self, FALSE);
  next = weft_timeline_source_next_event (self->source, MAX (self->playhead, 0));
  if (next < 0)
    {
      weft_replay_seek (self, duration_of (self));
      return FALSE;
    }
  weft_replay_seek (self, next);
  return TRUE;
}

void
weft_replay_set_source (WeftReplay *self, WeftTimelineSource *source)
{
  weft_replay_set_playing (self, FALSE);
  g_set_object (&self->source, source);
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
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
weft_replay_dispose (GObject *object)
{
  WeftReplay *self = WEFT_REPLAY (object);

  stop_timer (self);
  g_clear_object (&self->source);
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
  properties[PROP_SPEED] = g_param_spec_double ("speed", NULL, NULL, 0.1, 10, 1,
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
