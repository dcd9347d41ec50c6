/* weft-live-feed.c: refreshing a live run's timeline from the frame clock. */
#include "weft-live-feed.h"

#include "weft-live-session.h"

/* Refresh at least this often while nothing arrives, so the view's "now"
 * (and a deadlock's growing wait) moves on; otherwise at most once per
 * frame. */
#define IDLE_REFRESH_US 100000

struct _WeftLiveFeed {
  GObject parent_instance;

  WeftLivePanel *panel;
  GtkWidget *clock_widget;
  guint tick;
  gboolean dirty;          /* the stream brought something since */
  gint64 refreshed_us;
  gint64 refresh_cost_us;  /* what the last refresh took */
};

G_DEFINE_FINAL_TYPE (WeftLiveFeed, weft_live_feed, G_TYPE_OBJECT)

enum { SIGNAL_REFRESHED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
weft_live_feed_dispose (GObject *object)
{
  weft_live_feed_stop (WEFT_LIVE_FEED (object));
  G_OBJECT_CLASS (weft_live_feed_parent_class)->dispose (object);
}

static void
weft_live_feed_class_init (WeftLiveFeedClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = weft_live_feed_dispose;
  signals[SIGNAL_REFRESHED] = g_signal_new ("refreshed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                            NULL, G_TYPE_NONE, 1, WEFT_TYPE_TIMELINE_TREE);
}

static void
weft_live_feed_init (WeftLiveFeed *self)
{
}

void
weft_live_feed_refresh (WeftLiveFeed *self)
{
  WeftLiveSession *session = weft_live_panel_get_session (self->panel);
  WeftModel *model = session ? weft_live_session_get_model (session) : NULL;
  g_autoptr (WeftTimelineTree) tree = NULL;
  gint64 started_us = g_get_monotonic_time ();

  self->dirty = FALSE;
  self->refreshed_us = started_us;
  if (!model || !weft_model_get_info (model))
    return;
  /* The one model grows with the stream, "now" included: the recorder's
   * clock records move it on while the program is silent.  A new tree
   * numbers the processes and threads seen since (pointers only). */
  tree = weft_timeline_tree_new (model);
  g_signal_emit (self, signals[SIGNAL_REFRESHED], 0, tree);
  self->refresh_cost_us = g_get_monotonic_time () - started_us;
}

static gboolean
on_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  WeftLiveFeed *self = WEFT_LIVE_FEED (data);
  gint64 since_us = g_get_monotonic_time () - self->refreshed_us;

  /* A refresh costs more as the trace grows (thousands of processes of
   * a fork storm): refresh at most every other frame's worth of that cost,
   * so the window stays responsive; a small trace refreshes every frame. */
  if ((self->dirty && since_us >= 2 * self->refresh_cost_us) || since_us >= IDLE_REFRESH_US)
    weft_live_feed_refresh (self);
  return G_SOURCE_CONTINUE;
}

static void
on_updated (WeftLivePanel *panel, WeftLiveFeed *self)
{
  self->dirty = TRUE;
}

WeftLiveFeed *
weft_live_feed_new (WeftLivePanel *panel, GtkWidget *clock_widget)
{
  WeftLiveFeed *self = g_object_new (WEFT_TYPE_LIVE_FEED, NULL);

  self->panel = panel;
  self->clock_widget = clock_widget;
  g_signal_connect_object (panel, "updated", G_CALLBACK (on_updated), self, 0);
  return self;
}

void
weft_live_feed_start (WeftLiveFeed *self)
{
  self->dirty = TRUE;
  if (!self->tick)
    self->tick = gtk_widget_add_tick_callback (self->clock_widget, on_tick, self, NULL);
}

void
weft_live_feed_stop (WeftLiveFeed *self)
{
  if (self->tick && self->clock_widget)
    gtk_widget_remove_tick_callback (self->clock_widget, self->tick);
  self->tick = 0;
}
