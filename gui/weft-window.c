/* weft-window.c: the main window, from ui/weft-window.ui — what is shown
 * (a trace file, or a live run), and the actions on it. */
#include "weft-window.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "weft-bookmark-list.h"
#include "weft-classroom-mode.h"
#include "weft-details-dock.h"
#include "weft-file-chooser.h"
#include "weft-flow-actions.h"
#include "weft-live-feed.h"
#include "weft-live-session.h"
#include "weft-recent-list.h"
#include "weft-render-export.h"
#include "weft-replay-controls.h"
#include "weft-run-requests.h"
#include "weft-search-controller.h"

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
  WeftTimelineTree *tree;
  WeftBookmarks *bookmarks;
  GFile *file;
  WeftImageFormat export_format; /* of the export being asked for */
  AdwToast *jump_toast;     /* the sentence of the last phenomenon jumped to */

  /* The parts that drive their own widgets (one-way: they never see the
   * window; it listens to their signals). */
  WeftReplayControls *replay_controls;
  WeftBookmarkList *bookmark_list_controller;
  WeftSearchController *search;
  WeftLiveFeed *live_feed;
  WeftRunRequests *run_requests;
  WeftRecentList *recent;
  WeftDetailsDock *details_dock;
  WeftClassroomMode *classroom;
};

G_DEFINE_FINAL_TYPE (WeftWindow, weft_window, ADW_TYPE_APPLICATION_WINDOW)

static void
toast (WeftWindow *self, const char *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

/* Timeline tools only where there is a timeline. */
static void
show_page (WeftWindow *self, const char *page)
{
  gboolean timeline = g_str_equal (page, "timeline");

  gtk_stack_set_visible_child_name (self->main_stack, page);
  gtk_widget_set_visible (self->presentation_button, timeline);
  gtk_widget_set_visible (self->view_button, timeline);
  gtk_widget_set_visible (self->search_button, timeline);
  gtk_widget_set_visible (self->back_button, g_str_equal (page, "gallery"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", timeline);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.presentation", timeline);
  if (!timeline)
    gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

static void
show_error (WeftWindow *self, const char *message)
{
  adw_status_page_set_description (self->error_page, message);
  show_page (self, "error");
}

/* Back to what the gallery covered: the trace or recording shown, if any. */
static void
leave_gallery (WeftWindow *self)
{
  if (g_str_equal (weft_window_get_page (self), "gallery"))
    show_page (self, self->tree ? "timeline" : "welcome");
}

/* ---- Bookmarks -------------------------------------------------------- */

static void
set_bookmarks_for (WeftWindow *self, const char *path)
{
  g_autoptr (GError) error = NULL;

  g_clear_object (&self->bookmarks);
  if (path)
    self->bookmarks = weft_bookmarks_new_for_trace (path, &error);
  if (error)
    toast (self, error->message);
  weft_bookmark_list_set_bookmarks (self->bookmark_list_controller, self->bookmarks);
}

static void
add_bookmark (GtkWidget *widget, const char *action, GVariant *param)
{
  WeftWindow *self = WEFT_WINDOW (widget);
  g_autoptr (GError) error = NULL;

  if (!weft_bookmark_list_add (self->bookmark_list_controller, &error))
    toast (self, error->message);
}

/* Enter in the note's entry adds it, as its Add button does. */
static void
on_bookmark_note_activated (GtkEntry *entry, WeftWindow *self)
{
  add_bookmark (GTK_WIDGET (self), "win.add-bookmark", NULL);
}

/* ---- Opening ---------------------------------------------------------- */

static void
set_tree (WeftWindow *self, WeftTimelineTree *tree)
{
  g_set_object (&self->tree, tree);
  weft_timeline_view_set_tree (self->timeline, tree);
  weft_replay_set_tree (self->replay, tree);
  weft_replay_controls_set_tree (self->replay_controls, tree);
  weft_details_pane_show (self->details, tree, -1, -1);
}

/* Nothing lost silently: how many events the recording missed. */
static void
say_losses (WeftWindow *self, WeftModel *model)
{
  guint64 lost = weft_model_get_lost_events (model);
  g_autofree char *count = NULL;
  g_autofree char *text = NULL;

  if (lost == 0)
    return;
  count = g_strdup_printf ("%" G_GUINT64_FORMAT, lost);
  text = g_strdup_printf (g_dngettext (NULL, "%s event was lost while recording: the timeline may have gaps.",
                                       "%s events were lost while recording: the timeline may have gaps.", lost),
                          count);
  toast (self, text);
}

gboolean
weft_window_open (WeftWindow *self, GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *basename = g_file_get_basename (file);
  g_autoptr (GError) error = NULL;
  g_autoptr (WeftTimelineTree) tree = NULL;
  WeftLiveSession *live = weft_live_panel_get_session (self->live_panel);

  /* One trace per window: the run on screen first ends. */
  if (live && weft_live_session_is_running (live))
    {
      toast (self, _("A program is being recorded; stop it first."));
      return FALSE;
    }
  g_set_object (&self->file, file);
  adw_window_title_set_title (self->window_title, basename);
  if (path == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("%s is not a local file; copy it to this computer first."),
                                                  basename);
      show_error (self, message);
      return FALSE;
    }
  tree = weft_timeline_tree_new_for_file (path, &error);
  if (tree == NULL)
    {
      show_error (self, error->message);
      return FALSE;
    }

  {
    g_autofree char *uri = g_file_get_uri (file);

    gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
  }
  set_tree (self, tree);
  set_bookmarks_for (self, path);
  {
    g_autofree char *title = weft_model_dup_title (weft_timeline_tree_get_model (tree));

    adw_window_title_set_subtitle (self->window_title, title);
  }
  show_page (self, "timeline");
  gtk_widget_grab_focus (GTK_WIDGET (self->timeline));
  /* A run that was saved (or failed) is done with; an unsaved one keeps
   * its panel, so it can still be saved. */
  if (!weft_live_panel_has_unsaved (self->live_panel))
    gtk_widget_set_visible (GTK_WIDGET (self->live_panel), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->replay_bar), TRUE);

  say_losses (self, weft_timeline_tree_get_model (tree));
  if (weft_model_is_truncated (weft_timeline_tree_get_model (tree)))
    toast (self, _("The recording was interrupted: the trace ends early."));
  return TRUE;
}

static void
on_trace_chosen (GFile *file, gpointer data)
{
  weft_window_open (WEFT_WINDOW (data), file);
}

static void
open_action (GtkWidget *widget, const char *action, GVariant *param)
{
  weft_file_chooser_open_trace (GTK_WINDOW (widget), on_trace_chosen, widget);
}

static void
on_recent_open (WeftRecentList *recent, GFile *file, WeftWindow *self)
{
  weft_window_open (self, file);
}

static void
open_uri_action (GtkWidget *widget, const char *action, GVariant *param)
{
  g_autoptr (GFile) file = g_file_new_for_uri (g_variant_get_string (param, NULL));
  weft_window_open (WEFT_WINDOW (widget), file);
}

static gboolean
on_drop (GtkDropTarget *target, const GValue *value, double x, double y, WeftWindow *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = gdk_file_list_get_files (g_value_get_boxed (value));
  if (files == NULL)
    return FALSE;
  weft_window_open (self, files->data);
  g_slist_free (files);
  return TRUE;
}

/* ---- Export ----------------------------------------------------------- */

static void
on_export_chosen (GFile *file, gpointer data)
{
  WeftWindow *self = WEFT_WINDOW (data);
  g_autofree char *path = g_file_get_path (file);
  g_autoptr (GError) error = NULL;
  double width = MAX (gtk_widget_get_width (GTK_WIDGET (self->timeline)), 800);

  if (weft_render_export (weft_timeline_view_get_renderer (self->timeline), self->export_format, path, width, 0,
                          &error))
    toast (self, _("Exported the view."));
  else
    toast (self, error->message);
}

static void
export_action (GtkWidget *widget, const char *action, GVariant *param)
{
  WeftWindow *self = WEFT_WINDOW (widget);
  const char *extension = g_variant_get_string (param, NULL);
  g_autofree char *name = NULL;
  g_autofree char *base = NULL;

  if (self->tree == NULL || !weft_image_format_from_string (extension, &self->export_format))
    return;
  base = self->file ? g_file_get_basename (self->file) : g_strdup ("timeline");
  if (g_str_has_suffix (base, ".weft"))
    base[strlen (base) - 5] = '\0';
  name = g_strdup_printf ("%s.%s", base, extension);
  weft_file_chooser_export_to (GTK_WINDOW (self), name, on_export_chosen, self);
}

/* ---- View actions ----------------------------------------------------- */

static void
view_action (GtkWidget *widget, const char *action, GVariant *param)
{
  WeftWindow *self = WEFT_WINDOW (widget);

  if (g_str_equal (action, "win.zoom-in"))
    weft_timeline_view_zoom (self->timeline, 1.5, -1);
  else if (g_str_equal (action, "win.zoom-out"))
    weft_timeline_view_zoom (self->timeline, 1 / 1.5, -1);
  else if (g_str_equal (action, "win.fit-all"))
    weft_timeline_view_fit_all (self->timeline);
  else if (g_str_equal (action, "win.zoom-selection") && !weft_timeline_view_zoom_to_selection (self->timeline))
    toast (self, _("Shift-drag (or right-drag) across the timeline to select a time range first."));
  else if (g_str_equal (action, "win.zoom-back") && !weft_timeline_view_zoom_back (self->timeline))
    toast (self, _("This is the first zoom: there is nothing to go back to."));
  else if (g_str_equal (action, "win.collapse-all") || g_str_equal (action, "win.expand-all"))
    weft_timeline_view_collapse_all (self->timeline, g_str_equal (action, "win.collapse-all"));
}

/* The sentence of a jump replaces the last one at once. */
static void
jump_to_phenomenon (WeftWindow *self, gboolean forward)
{
  g_autofree char *text = weft_replay_controls_jump (self->replay_controls, forward);

  if (text == NULL)
    return;
  if (self->jump_toast)
    adw_toast_dismiss (self->jump_toast);
  g_set_object (&self->jump_toast, adw_toast_new (text));
  g_object_unref (self->jump_toast); /* adw_toast_new is (transfer full) */
  adw_toast_set_priority (self->jump_toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (self->jump_toast));
}

static void
replay_action (GtkWidget *widget, const char *action, GVariant *param)
{
  WeftWindow *self = WEFT_WINDOW (widget);

  if (g_str_equal (action, "win.next-phenomenon") || g_str_equal (action, "win.previous-phenomenon"))
    {
      jump_to_phenomenon (self, g_str_equal (action, "win.next-phenomenon"));
      return;
    }

  if (g_str_equal (action, "win.play"))
    weft_replay_set_playing (self->replay, !weft_replay_get_playing (self->replay));
  else if (g_str_equal (action, "win.step"))
    weft_replay_step (self->replay);
  else if (g_str_equal (action, "win.show-all"))
    {
      weft_replay_set_playing (self->replay, FALSE);
      weft_replay_seek (self->replay, -1);
    }
}

void
weft_window_set_presentation (WeftWindow *self, gboolean presentation)
{
  if (weft_classroom_mode_set_active (self->classroom, presentation) && presentation)
    toast (self, _("Classroom mode: click a lane for its details (I shows or hides them), F5 or Esc leaves."));
}

gboolean
weft_window_get_presentation (WeftWindow *self)
{
  return weft_classroom_mode_get_active (self->classroom);
}

static void
presentation_action (GtkWidget *widget, const char *action, GVariant *param)
{
  WeftWindow *self = WEFT_WINDOW (widget);
  weft_window_set_presentation (self, !weft_window_get_presentation (self));
}

/* Esc first closes the floating details, then leaves classroom mode. */
static void
leave_presentation_action (GtkWidget *widget, const char *action, GVariant *param)
{
  WeftWindow *self = WEFT_WINDOW (widget);

  /* Esc also leaves the gallery. */
  if (g_str_equal (weft_window_get_page (self), "gallery"))
    {
      leave_gallery (self);
      return;
    }
  if (weft_details_dock_get_floating (self->details_dock) && weft_details_dock_is_shown (self->details_dock))
    weft_details_dock_show (self->details_dock, FALSE);
  else
    weft_window_set_presentation (self, FALSE);
}

static void
toggle_details_action (GtkWidget *widget, const char *action, GVariant *param)
{
  WeftWindow *self = WEFT_WINDOW (widget);

  weft_details_dock_show (self->details_dock, !weft_details_dock_is_shown (self->details_dock));
}

static void
search_action (GtkWidget *widget, const char *action, GVariant *param)
{
  weft_search_controller_begin (WEFT_WINDOW (widget)->search);
}

static void
find_step_action (GtkWidget *widget, const char *action, GVariant *param)
{
  weft_search_controller_step (WEFT_WINDOW (widget)->search, g_str_equal (action, "win.find-next"));
}

static void
on_selection_changed (WeftTimelineView *view, WeftWindow *self)
{
  int thread;
  gint64 t;
  gint64 playhead = weft_replay_get_playhead (self->replay);

  weft_timeline_view_get_selection (view, &thread, &t);
  /* The future is hidden during replay: so are its details. */
  if (playhead >= 0 && t > playhead)
    t = -1;
  weft_details_pane_show (self->details, self->tree, thread, t);
  weft_details_pane_show_coroutine (self->details, self->tree, weft_timeline_view_get_selected_coroutine (view), t);
  weft_details_dock_show (self->details_dock, thread >= 0);
}

/* ---- Live runs -------------------------------------------------------- */

static void
on_live_refreshed (WeftLiveFeed *feed, WeftTimelineTree *tree, WeftWindow *self)
{
  /* A newer listing of the run on screen keeps the user's view. */
  gboolean same_run = self->tree && self->file == NULL;

  g_set_object (&self->tree, tree);
  if (same_run)
    weft_timeline_view_update_tree (self->timeline, tree);
  else
    weft_timeline_view_set_tree (self->timeline, tree);
}

static void
on_live_finished (WeftLivePanel *panel, WeftWindow *self)
{
  const char *error = weft_live_session_get_error (weft_live_panel_get_session (panel));

  weft_live_feed_stop (self->live_feed);
  weft_live_feed_refresh (self->live_feed);
  adw_window_title_set_subtitle (self->window_title, _("Recorded live, not saved yet"));
  if (self->tree == NULL)
    {
      show_error (self, error ? error : _("Nothing was recorded."));
      return;
    }
  /* Replay the run that just ended, from where the view is. */
  weft_replay_set_tree (self->replay, self->tree);
  weft_replay_controls_set_tree (self->replay_controls, self->tree);
  weft_details_pane_show (self->details, self->tree, -1, -1);
  gtk_widget_set_visible (GTK_WIDGET (self->replay_bar), TRUE);
  if (error)
    toast (self, error);
  say_losses (self, weft_timeline_tree_get_model (self->tree));
}

static void
on_live_saved (WeftLivePanel *panel, const char *path, WeftWindow *self)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *text = g_strdup_printf (_("Saved the recording as %s."), basename);

  g_set_object (&self->file, file);
  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
  adw_window_title_set_title (self->window_title, basename);
  adw_window_title_set_subtitle (self->window_title, weft_live_session_get_title (weft_live_panel_get_session (panel)));
  set_bookmarks_for (self, path);
  toast (self, text);
}

static void
on_live_discarded (WeftLivePanel *panel, WeftWindow *self)
{
  weft_live_feed_stop (self->live_feed);
  gtk_widget_set_visible (GTK_WIDGET (self->live_panel), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->replay_bar), TRUE);
  if (self->file == NULL)
    {
      /* Nothing of the discarded run stays, its command in the title neither. */
      adw_window_title_set_title (self->window_title, _("Weft"));
      adw_window_title_set_subtitle (self->window_title, "");
    }
  if (self->tree && self->file == NULL)
    {
      g_clear_object (&self->tree);
      weft_timeline_view_set_tree (self->timeline, NULL);
      weft_replay_set_tree (self->replay, NULL);
      show_page (self, "welcome");
    }
}

gboolean
weft_window_run_command (WeftWindow *self, const char *const *command, const char *directory, GError **error)
{
  g_autofree char *title = NULL;
  gboolean dropped = weft_live_panel_has_unsaved (self->live_panel);

  if (!weft_live_panel_run (self->live_panel, command, directory, error))
    return FALSE;
  if (dropped)
    toast (self, _("The previous recording was not saved and is gone."));
  weft_replay_set_playing (self->replay, FALSE);
  weft_replay_seek (self->replay, -1);
  g_clear_object (&self->file);
  set_bookmarks_for (self, NULL);
  g_clear_object (&self->tree);
  weft_timeline_view_set_tree (self->timeline, NULL);
  title = g_strjoinv (" ", (char **) command);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, _("Recording live"));
  gtk_widget_set_visible (GTK_WIDGET (self->live_panel), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->replay_bar), FALSE);
  show_page (self, "timeline");
  weft_live_feed_start (self->live_feed);
  return TRUE;
}

/* What the run requests start, once the user may give up the recording shown. */
static gboolean
start_run (const char *const *command, const char *directory, const char *title, gpointer data, GError **error)
{
  WeftWindow *self = WEFT_WINDOW (data);

  if (!weft_window_run_command (self, command, directory, error))
    return FALSE;
  if (title)
    adw_window_title_set_title (self->window_title, title);
  return TRUE;
}

static void
run_command_action (GtkWidget *widget, const char *action, GVariant *param)
{
  weft_run_requests_ask_command (WEFT_WINDOW (widget)->run_requests);
}

static void
stop_action (GtkWidget *widget, const char *action, GVariant *param)
{
  weft_live_panel_stop (WEFT_WINDOW (widget)->live_panel);
}

static void
on_run_demo (WeftGallery *gallery, gpointer demo, WeftWindow *self)
{
  weft_run_requests_run_demo (self->run_requests, demo);
}

static void
show_gallery_action (GtkWidget *widget, const char *action, GVariant *param)
{
  WeftWindow *self = WEFT_WINDOW (widget);

  if (weft_gallery_get_catalog (self->gallery) == NULL)
    weft_gallery_load (self->gallery);
  show_page (self, "gallery");
}

static void
leave_gallery_action (GtkWidget *widget, const char *action, GVariant *param)
{
  leave_gallery (WEFT_WINDOW (widget));
}

/* ---- Life cycle ------------------------------------------------------- */

static void
weft_window_dispose (GObject *object)
{
  WeftWindow *self = WEFT_WINDOW (object);

  if (self->live_feed)
    weft_live_feed_stop (self->live_feed);
  g_clear_object (&self->live_feed);
  g_clear_object (&self->run_requests);
  g_clear_object (&self->search);
  g_clear_object (&self->bookmark_list_controller);
  g_clear_object (&self->replay_controls);
  if (self->replay)
    weft_replay_set_playing (self->replay, FALSE);
  g_clear_object (&self->replay);
  g_clear_object (&self->tree);
  g_clear_object (&self->bookmarks);
  g_clear_object (&self->file);
  g_clear_object (&self->recent);
  g_clear_object (&self->classroom);
  g_clear_object (&self->details_dock);
  g_clear_object (&self->jump_toast);
  gtk_widget_dispose_template (GTK_WIDGET (self), WEFT_TYPE_WINDOW);
  G_OBJECT_CLASS (weft_window_parent_class)->dispose (object);
}

static void
weft_window_class_init (WeftWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = weft_window_dispose;
  g_type_ensure (WEFT_TYPE_TIMELINE_VIEW);
  g_type_ensure (WEFT_TYPE_DETAILS_PANE);
  g_type_ensure (WEFT_TYPE_LIVE_PANEL);
  g_type_ensure (WEFT_TYPE_GALLERY);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/weft/Weft/ui/weft-window.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, WeftWindow, name)
  BIND (toast_overlay);
  BIND (window_title);
  BIND (header_bar);
  BIND (search_bar);
  BIND (search_entry);
  BIND (match_label);
  BIND (main_stack);
  BIND (error_page);
  BIND (recent_list);
  BIND (timeline);
  BIND (vscrollbar);
  BIND (details);
  BIND (replay_bar);
  BIND (play_button);
  BIND (seek_adjustment);
  BIND (time_label);
  BIND (speed_dropdown);
  BIND (bookmark_entry);
  BIND (bookmark_list);
  BIND (recent_section);
  BIND (presentation_button);
  BIND (view_button);
  BIND (search_button);
  BIND (back_button);
  BIND (live_paned);
  BIND (details_paned);
  BIND (timeline_overlay);
  BIND (live_panel);
  BIND (gallery);
#undef BIND

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-uri", "s", open_uri_action);
  gtk_widget_class_install_action (widget_class, "win.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, view_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, view_action);
  gtk_widget_class_install_action (widget_class, "win.fit-all", NULL, view_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-selection", NULL, view_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-back", NULL, view_action);
  gtk_widget_class_install_action (widget_class, "win.collapse-all", NULL, view_action);
  gtk_widget_class_install_action (widget_class, "win.expand-all", NULL, view_action);
  gtk_widget_class_install_action (widget_class, "win.find-next", NULL, find_step_action);
  gtk_widget_class_install_action (widget_class, "win.find-previous", NULL, find_step_action);
  gtk_widget_class_install_action (widget_class, "win.play", NULL, replay_action);
  gtk_widget_class_install_action (widget_class, "win.step", NULL, replay_action);
  gtk_widget_class_install_action (widget_class, "win.show-all", NULL, replay_action);
  gtk_widget_class_install_action (widget_class, "win.next-phenomenon", NULL, replay_action);
  gtk_widget_class_install_action (widget_class, "win.previous-phenomenon", NULL, replay_action);
  gtk_widget_class_install_action (widget_class, "win.add-bookmark", NULL, add_bookmark);
  gtk_widget_class_install_action (widget_class, "win.presentation", NULL, presentation_action);
  gtk_widget_class_install_action (widget_class, "win.leave-presentation", NULL, leave_presentation_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-details", NULL, toggle_details_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.run-command", NULL, run_command_action);
  gtk_widget_class_install_action (widget_class, "win.stop-recording", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "win.show-gallery", NULL, show_gallery_action);
  gtk_widget_class_install_action (widget_class, "win.leave-gallery", NULL, leave_gallery_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.run-command", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "win.show-gallery", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_question, GDK_CONTROL_MASK, "win.show-help-overlay", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.presentation", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F11, 0, "win.presentation", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.leave-presentation", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, GDK_CONTROL_MASK, "win.play", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_period, GDK_CONTROL_MASK, "win.step", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_b, GDK_CONTROL_MASK, "win.add-bookmark", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "win.fit-all", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.zoom-selection", NULL);
}

/* Plain keys for the replay, wherever the focus is — after a click on the
 * seek bar too — unless something that takes text (the search and
 * bookmark entries, the program's terminal) used the key first. */
static gboolean
on_window_key (GtkEventControllerKey *controller, guint keyval, guint keycode, GdkModifierType state,
               WeftWindow *self)
{
  if (!g_str_equal (weft_window_get_page (self), "timeline")
      || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)))
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_space:
      weft_replay_set_playing (self->replay, !weft_replay_get_playing (self->replay));
      return TRUE;
    case GDK_KEY_period:
      weft_replay_step (self->replay);
      return TRUE;
    case GDK_KEY_n:
      jump_to_phenomenon (self, TRUE);
      return TRUE;
    case GDK_KEY_N:
      jump_to_phenomenon (self, FALSE);
      return TRUE;
    case GDK_KEY_i:
      toggle_details_action (GTK_WIDGET (self), "win.toggle-details", NULL);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
weft_window_init (WeftWindow *self)
{
  GtkDropTarget *drop;
  GtkEventController *key;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->replay = weft_replay_new ();
  self->replay_controls = weft_replay_controls_new (self->replay, self->timeline, self->play_button,
                                                    self->seek_adjustment, self->time_label, self->speed_dropdown);
  self->bookmark_list_controller = weft_bookmark_list_new (self->bookmark_entry, self->bookmark_list, self->replay,
                                                           self->timeline);
  g_signal_connect (self->bookmark_entry, "activate", G_CALLBACK (on_bookmark_note_activated), self);
  self->search = weft_search_controller_new (self->search_bar, self->search_entry, self->match_label, self->timeline);
  self->live_feed = weft_live_feed_new (self->live_panel, GTK_WIDGET (self->timeline));
  self->run_requests = weft_run_requests_new (GTK_WINDOW (self), self->live_panel, start_run, self);
  self->details_dock = weft_details_dock_new (self->details, self->details_paned, self->timeline_overlay,
                                              self->timeline);
  g_signal_connect (self->timeline, "selection-changed", G_CALLBACK (on_selection_changed), self);
  gtk_scrollbar_set_adjustment (self->vscrollbar, weft_timeline_view_get_vadjustment (self->timeline));
  weft_flow_actions_add (G_ACTION_MAP (self), self->timeline);

  key = gtk_event_controller_key_new ();
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_window_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  {
    g_autoptr (GtkBuilder) builder = gtk_builder_new_from_resource ("/org/weft/Weft/ui/weft-shortcuts.ui");
    gtk_application_window_set_help_overlay (GTK_APPLICATION_WINDOW (self),
                                             GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "shortcuts")));
  }
  g_signal_connect (self->live_feed, "refreshed", G_CALLBACK (on_live_refreshed), self);
  g_signal_connect_swapped (self->run_requests, "kept", G_CALLBACK (leave_gallery), self);
  g_signal_connect (self->gallery, "run-demo", G_CALLBACK (on_run_demo), self);
  g_signal_connect (self->live_panel, "finished", G_CALLBACK (on_live_finished), self);
  g_signal_connect (self->live_panel, "saved", G_CALLBACK (on_live_saved), self);
  g_signal_connect (self->live_panel, "discarded", G_CALLBACK (on_live_discarded), self);
  self->classroom = weft_classroom_mode_new (GTK_WINDOW (self), GTK_WIDGET (self->header_bar), self->timeline,
                                             self->live_panel, self->details_dock);
  show_page (self, "welcome");
  self->recent = weft_recent_list_new (self->recent_list, self->recent_section);
  g_signal_connect (self->recent, "open", G_CALLBACK (on_recent_open), self);
}

WeftWindow *
weft_window_new (AdwApplication *application)
{
  return g_object_new (WEFT_TYPE_WINDOW, "application", application, NULL);
}

WeftTimelineView *
weft_window_get_timeline (WeftWindow *self)
{
  return self->timeline;
}

WeftDetailsPane *
weft_window_get_details (WeftWindow *self)
{
  return self->details;
}

WeftReplay *
weft_window_get_replay (WeftWindow *self)
{
  return self->replay;
}

const char *
weft_window_get_page (WeftWindow *self)
{
  return gtk_stack_get_visible_child_name (self->main_stack);
}

const char *
weft_window_get_error (WeftWindow *self)
{
  return adw_status_page_get_description (self->error_page);
}

WeftGallery *
weft_window_get_gallery (WeftWindow *self)
{
  return self->gallery;
}

WeftLivePanel *
weft_window_get_live_panel (WeftWindow *self)
{
  return self->live_panel;
}
