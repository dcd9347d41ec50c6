/* weft-window-private.h: the window's parts, shared by weft-window.c and
 * weft-window-live.c (live recording). */
#pragma once

#include "weft-bookmarks.h"
#include "weft-gallery.h"
#include "weft-live-panel.h"
#include "weft-window.h"

G_BEGIN_DECLS

struct _WeftWindow {
  AdwApplicationWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwWindowTitle *window_title;
  AdwHeaderBar *header_bar;
  GtkSearchBar *search_bar;
  GtkSearchEntry *search_entry;
  GtkLabel *match_label;
  GtkStack *main_stack;
  AdwStatusPage *error_page;
  GtkListBox *recent_list;
  WeftTimelineView *timeline;
  GtkScrollbar *vscrollbar;
  WeftDetailsPane *details;
  GtkActionBar *replay_bar;
  GtkButton *play_button;
  GtkAdjustment *seek_adjustment;
  GtkLabel *time_label;
  GtkDropDown *speed_dropdown;
  GtkEntry *bookmark_entry;
  GtkListBox *bookmark_list;
  GMenu *recent_section;
  GtkWidget *presentation_button;
  GtkWidget *view_button;
  GtkWidget *search_button;
  GtkWidget *back_button;
  GtkPaned *live_paned;
  GtkPaned *details_paned;
  GtkOverlay *timeline_overlay;
  WeftLivePanel *live_panel;
  WeftGallery *gallery;

  WeftReplay *replay;
  WeftTimelineSource *source;
  WeftBookmarks *bookmarks;
  GFile *file;
  GtkFileChooserNative *chooser;
  AdwToast *jump_toast;     /* the sentence of the last phenomenon jumped to */
  gboolean presentation;
  gboolean updating_seek;
  guint flow_mask;

  /* Live: refreshed from the frame clock while a recording runs. */
  guint live_tick;
  gboolean live_dirty;
  gint64 live_refreshed_us;
  gint64 live_refresh_cost_us; /* what the last refresh took */
};


/* weft-window.c */
void weft_window_show_page (WeftWindow *self, const char *page);
void weft_window_show_error (WeftWindow *self, const char *message);
void weft_window_toast (WeftWindow *self, const char *text);
void weft_window_set_source (WeftWindow *self, WeftTimelineSource *source);
void weft_window_refresh_bookmarks (WeftWindow *self);

/* weft-window-live.c */
void weft_window_live_init (WeftWindow *self);
void weft_window_live_dispose (WeftWindow *self);
void weft_window_run_command_action (GtkWidget *widget, const char *action, GVariant *param);
void weft_window_stop_action (GtkWidget *widget, const char *action, GVariant *param);
void weft_window_show_gallery_action (GtkWidget *widget, const char *action, GVariant *param);
void weft_window_leave_gallery_action (GtkWidget *widget, const char *action, GVariant *param);

G_END_DECLS
