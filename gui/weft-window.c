/* weft-window.c: the main window, from ui/weft-window.ui. */
#include "weft-window.h"
#include "weft-window-private.h"

#include <glib/gi18n.h>

#include "weft-bookmarks.h"
#include "weft-render-export.h"
#include "weft-timeline-phenomena.h"

/* The speed menu's entries; the one after the last is "event by event". */
static const double speeds[] = { 0.001, 0.01, 0.1, 0.25, 0.5, 1, 2, 5, 10 };

G_DEFINE_FINAL_TYPE (WeftWindow, weft_window, ADW_TYPE_APPLICATION_WINDOW)

static void
toast (WeftWindow *self, const char *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

void
weft_window_toast (WeftWindow *self, const char *text)
{
  toast (self, text);
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

void
weft_window_show_page (WeftWindow *self, const char *page)
{
  show_page (self, page);
}

void
weft_window_show_error (WeftWindow *self, const char *message)
{
  show_error (self, message);
}

/* ---- Recent files ---------------------------------------------------- */

static void
open_recent_row (GtkListBox *list, GtkListBoxRow *row, WeftWindow *self)
{
  const char *uri = g_object_get_data (G_OBJECT (row), "uri");
  g_autoptr (GFile) file = g_file_new_for_uri (uri);

  weft_window_open (self, file);
}

static void
refresh_recent (WeftWindow *self)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  GList *items = gtk_recent_manager_get_items (manager);
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))))
    gtk_list_box_remove (self->recent_list, child);
  g_menu_remove_all (self->recent_section);

  for (GList *l = items; l && shown < 6; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      const char *uri = gtk_recent_info_get_uri (info);
      g_autofree char *detailed = NULL;
      g_autofree char *where = NULL; /* gtk_recent_info_get_uri_display is (transfer full) */
      GtkWidget *row;

      if (!g_str_has_suffix (uri, ".weft") || !gtk_recent_info_exists (info))
        continue;
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), gtk_recent_info_get_display_name (info));
      where = gtk_recent_info_get_uri_display (info);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), where);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "uri", g_strdup (uri), g_free);
      gtk_list_box_append (self->recent_list, row);
      detailed = g_strdup_printf ("win.open-uri('%s')", uri);
      g_menu_append (self->recent_section, gtk_recent_info_get_display_name (info), detailed);
      shown++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->recent_list), shown > 0);
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

/* ---- Replay ----------------------------------------------------------- */

static void
update_time_label (WeftWindow *self)
{
  gint64 playhead = weft_replay_get_playhead (self->replay);
  g_autofree char *now = NULL, *total = NULL, *text = NULL;

  if (self->source == NULL)
    return;
  total = weft_format_duration (weft_timeline_source_get_duration (self->source));
  if (playhead < 0)
    text = g_strdup_printf (_("all %s"), total);
  else
    {
      now = weft_format_duration (playhead);
      text = g_strdup_printf ("%s / %s", now, total);
    }
  gtk_label_set_text (self->time_label, text);
}

static void
on_playhead_changed (WeftReplay *replay, GParamSpec *pspec, WeftWindow *self)
{
  gint64 playhead = weft_replay_get_playhead (replay);

  weft_timeline_view_set_playhead (self->timeline, playhead);
  self->updating_seek = TRUE;
  gtk_adjustment_set_value (self->seek_adjustment,
                            playhead < 0 ? gtk_adjustment_get_upper (self->seek_adjustment) : (double) playhead);
  self->updating_seek = FALSE;
  update_time_label (self);
}

static void
on_playing_changed (WeftReplay *replay, GParamSpec *pspec, WeftWindow *self)
{
  gboolean playing = weft_replay_get_playing (replay);

  gtk_button_set_icon_name (self->play_button, playing ? "media-playback-pause-symbolic"
                                                       : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button), playing ? _("Pause (Space)") : _("Play (Space)"));
}

static void
on_seek_changed (GtkAdjustment *adjustment, WeftWindow *self)
{
  if (self->updating_seek || self->source == NULL)
    return;
  weft_replay_seek (self->replay, (gint64) gtk_adjustment_get_value (adjustment));
}

static void
on_speed_selected (GtkDropDown *dropdown, GParamSpec *pspec, WeftWindow *self)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  weft_replay_set_by_events (self->replay, selected == G_N_ELEMENTS (speeds));
  if (selected < G_N_ELEMENTS (speeds))
    weft_replay_set_speed (self->replay, speeds[selected]);
}

/* ---- Bookmarks -------------------------------------------------------- */

static void
on_bookmark_activated (GtkListBox *list, GtkListBoxRow *row, WeftWindow *self)
{
  guint index = gtk_list_box_row_get_index (row);

  if (self->bookmarks && index < weft_bookmarks_get_n (self->bookmarks))
    weft_replay_seek (self->replay, weft_bookmarks_get_time (self->bookmarks, index));
}

static void
refresh_bookmarks (WeftWindow *self)
{
  GtkWidget *child;
  guint n = self->bookmarks ? weft_bookmarks_get_n (self->bookmarks) : 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->bookmark_list))))
    gtk_list_box_remove (self->bookmark_list, child);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *at = weft_format_duration (weft_bookmarks_get_time (self->bookmarks, i));
      const char *note = weft_bookmarks_get_note (self->bookmarks, i);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), note && *note ? note : _("(no note)"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), at);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_list_box_append (self->bookmark_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->bookmark_list), n > 0);
  weft_timeline_view_set_bookmarks (self->timeline, self->bookmarks ? weft_bookmarks_get_times (self->bookmarks) : NULL, n);
}

static void
add_bookmark (GtkWidget *widget, const char *action, GVariant *param)
{
  WeftWindow *self = WEFT_WINDOW (widget);
  g_autoptr (GError) error = NULL;
  gint64 t = weft_replay_get_playhead (self->replay);
  int thread;
  gint64 selected;

  if (self->bookmarks == NULL)
    return;
  /* Not replaying: bookmark the clicked moment, or the middle of the view. */
  if (t < 0)
    {
      weft_timeline_view_get_selection (self->timeline, &thread, &selected);
      if (thread >= 0 && selected >= 0)
        t = selected;
      else
        {
          gint64 t0, t1;
          weft_timeline_renderer_get_window (weft_timeline_view_get_renderer (self->timeline), &t0, &t1);
          t = MAX (t0 + (t1 - t0) / 2, 0);
        }
    }
  if (!weft_bookmarks_add (self->bookmarks, t, gtk_editable_get_text (GTK_EDITABLE (self->bookmark_entry)), &error))
    toast (self, error->message);
  gtk_editable_set_text (GTK_EDITABLE (self->bookmark_entry), "");
  refresh_bookmarks (self);
}

/* ---- Opening ---------------------------------------------------------- */

static void
set_source (WeftWindow *self, WeftTimelineSource *source)
{
  g_set_object (&self->source, source);
  weft_timeline_view_set_source (self->timeline, source);
  weft_replay_set_source (self->replay, source);
  gtk_adjustment_configure (self->seek_adjustment, 0, 0, (double) weft_timeline_source_get_duration (source),
                            1e6, 1e8, 0);
  on_playhead_changed (self->replay, NULL, self);
  weft_details_pane_show (self->details, source, -1, -1);
}

void
weft_window_set_source (WeftWindow *self, WeftTimelineSource *source)
{
  set_source (self, source);
}

void
weft_window_refresh_bookmarks (WeftWindow *self)
{
  refresh_bookmarks (self);
}

gboolean
weft_window_open (WeftWindow *self, GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *basename = g_file_get_basename (file);
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) bookmark_error = NULL;
  g_autoptr (WeftTimelineSource) source = NULL;
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
  source = weft_timeline_source_new_for_file (path, &error);
  if (source == NULL)
    {
      show_error (self, error->message);
      return FALSE;
    }

  {
    g_autofree char *uri = g_file_get_uri (file);

    gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
  }
  set_source (self, source);
  g_clear_object (&self->bookmarks);
  self->bookmarks = weft_bookmarks_new_for_trace (path, &bookmark_error);
  if (bookmark_error)
    toast (self, bookmark_error->message);
  refresh_bookmarks (self);
  adw_window_title_set_subtitle (self->window_title, weft_timeline_source_get_title (source));
  show_page (self, "timeline");
  gtk_widget_grab_focus (GTK_WIDGET (self->timeline));
  /* A run that was saved (or failed) is done with; an unsaved one keeps
   * its panel, so it can still be saved. */
  if (!weft_live_panel_has_unsaved (self->live_panel))
    gtk_widget_set_visible (GTK_WIDGET (self->live_panel), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->replay_bar), TRUE);

  if (weft_timeline_source_get_lost_events (source) > 0)
    {
      guint64 lost = weft_timeline_source_get_lost_events (source);
      g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, lost);
      g_autofree char *text = g_strdup_printf (
        g_dngettext (NULL, "%s event was lost while recording: the timeline may have gaps.",
                     "%s events were lost while recording: the timeline may have gaps.", lost),
        count);
      toast (self, text);
    }
  if (weft_timeline_source_is_truncated (source))
    toast (self, _("The recording was interrupted: the trace ends early."));
  return TRUE;
}

static void
on_open_response (GtkNativeDialog *dialog, int response, WeftWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      weft_window_open (self, file);
    }
  g_clear_object (&self->chooser);
}

static void
open_action (GtkWidget *widget, const char *action, GVariant *param)
{
  WeftWindow *self = WEFT_WINDOW (widget);
  g_autoptr (GtkFileFilter) traces = gtk_file_filter_new ();
  g_autoptr (GtkFileFilter) all = gtk_file_filter_new ();

  if (self->chooser)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Open a Trace"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (traces, _("Weft traces"));
  gtk_file_filter_add_pattern (traces, "*.weft");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), traces);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
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
on_export_response (GtkNativeDialog *dialog, int response, WeftWindow *self)
{
  WeftImageFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "format"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr (GError) error = NULL;
      double width = MAX (gtk_widget_get_width (GTK_WIDGET (self->timeline)), 800);

      if (weft_render_export (weft_timeline_view_get_renderer (self->timeline), format, path, width, 0, &error))
        toast (self, _("Exported the view."));
      else
        toast (self, error->message);
    }
  g_clear_object (&self->chooser);
}

static void
export_action (GtkWidget *widget, const char *action, GVariant *param)
{
  WeftWindow *self = WEFT_WINDOW (widget);
  const char *extension = g_variant_get_string (param, NULL);
  WeftImageFormat format;
  g_autofree char *name = NULL;
  g_autofree char *base = NULL;

  if (self->chooser || self->source == NULL || !weft_image_format_from_string (extension, &format))
    return;
  self->chooser = gtk_file_chooser_native_new (_("Export the View"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  base = self->file ? g_file_get_basename (self->file) : g_strdup ("timeline");
  if (g_str_has_suffix (base, ".weft"))
    base[strlen (base) - 5] = '\0';
  name = g_strdup_printf ("%s.%s", base, extension);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_object_set_data (G_OBJECT (self->chooser), "format", GINT_TO_POINTER (format));
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
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

/* A jump lands where the teacher can see it: the playhead is brought
 * into view, and the toast says what happened there. */
static void
jump_to_phenomenon (WeftWindow *self, gboolean forward)
{
  WeftPhenomenon phenomenon;
  g_autofree char *text = NULL;
  gint64 t0, t1;

  if (self->source == NULL)
    return;
  if (!weft_replay_jump (self->replay, forward, &phenomenon))
    text = g_strdup (forward ? _("Nothing more happens after this moment.") : _("Nothing happens before this moment."));
  else
    {
      weft_timeline_renderer_get_window (weft_timeline_view_get_renderer (self->timeline), &t0, &t1);
      if (phenomenon.at_ns < t0 || phenomenon.at_ns > t1)
        weft_timeline_view_set_window (self->timeline, phenomenon.at_ns - (t1 - t0) / 2,
                                       phenomenon.at_ns + (t1 - t0) / 2);
      text = weft_phenomenon_describe (self->source, &phenomenon);
    }
  /* The last jump's sentence makes way for this one at once. */
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

static void
flow_action_changed (WeftWindow *self, const char *name, guint bit)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  if (action)
    g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean ((self->flow_mask & bit) != 0));
}

static void
on_flow_toggled (GSimpleAction *action, GVariant *param, gpointer data)
{
  WeftWindow *self = WEFT_WINDOW (data);
  guint bit = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (action), "bit"));

  self->flow_mask ^= bit;
  flow_action_changed (self, g_action_get_name (G_ACTION (action)), bit);
  weft_timeline_view_set_flow_mask (self->timeline, self->flow_mask);
}

static void
add_flow_actions (WeftWindow *self)
{
  static const struct { const char *name; guint bit; } flows[] = {
    { "flow-data", WEFT_FLOW_MASK_DATA }, { "flow-signal", WEFT_FLOW_MASK_SIGNAL },
    { "flow-child", WEFT_FLOW_MASK_CHILD }, { "flow-lock", WEFT_FLOW_MASK_LOCK },
    { "flow-wakeup", WEFT_FLOW_MASK_WAKEUP },
  };

  self->flow_mask = weft_timeline_renderer_get_flow_mask (weft_timeline_view_get_renderer (self->timeline));
  for (guint i = 0; i < G_N_ELEMENTS (flows); i++)
    {
      GSimpleAction *action = g_simple_action_new_stateful (flows[i].name, NULL,
                                                            g_variant_new_boolean ((self->flow_mask & flows[i].bit) != 0));
      g_object_set_data (G_OBJECT (action), "bit", GUINT_TO_POINTER (flows[i].bit));
      g_signal_connect (action, "activate", G_CALLBACK (on_flow_toggled), self);
      g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (action));
      g_object_unref (action);
    }
}

/* In classroom mode, and beside a live run's terminal, the details pane
 * leaves the side of the timeline (which keeps its width) and floats over
 * it, shown on demand: a click on a lane, or I. */
static gboolean
details_float (WeftWindow *self)
{
  return self->presentation || gtk_widget_get_visible (GTK_WIDGET (self->live_panel));
}

static void
place_details (WeftWindow *self)
{
  GtkWidget *details = GTK_WIDGET (self->details);
  gboolean floating = details_float (self);
  int thread;
  gint64 t;

  if (floating == GTK_IS_OVERLAY (gtk_widget_get_parent (details)))
    return;
  g_object_ref (details);
  if (floating)
    {
      gtk_paned_set_end_child (self->details_paned, NULL);
      gtk_widget_set_halign (details, GTK_ALIGN_END);
      gtk_widget_set_valign (details, GTK_ALIGN_FILL);
      gtk_widget_add_css_class (details, "floating");
      gtk_overlay_add_overlay (self->timeline_overlay, details);
      weft_timeline_view_get_selection (self->timeline, &thread, &t);
      gtk_widget_set_visible (details, thread >= 0);
    }
  else
    {
      gtk_overlay_remove_overlay (self->timeline_overlay, details);
      gtk_widget_set_halign (details, GTK_ALIGN_FILL);
      gtk_widget_set_valign (details, GTK_ALIGN_FILL);
      gtk_widget_remove_css_class (details, "floating");
      gtk_paned_set_end_child (self->details_paned, details);
      gtk_widget_set_visible (details, TRUE);
    }
  g_object_unref (details);
}

static void
show_floating_details (WeftWindow *self, gboolean shown)
{
  if (details_float (self))
    gtk_widget_set_visible (GTK_WIDGET (self->details), shown);
}

void
weft_window_set_presentation (WeftWindow *self, gboolean presentation)
{
  if (self->presentation == presentation)
    return;
  self->presentation = presentation;
  weft_timeline_view_set_presentation (self->timeline, presentation);
  /* The program's terminal must be readable from the back row too. */
  vte_terminal_set_font_scale (weft_live_panel_get_terminal (self->live_panel), presentation ? 1.6 : 1.0);
  /* Every pixel for the timeline: no header bar, no side pane. */
  gtk_widget_set_visible (GTK_WIDGET (self->header_bar), !presentation);
  place_details (self);
  if (presentation)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "presentation");
      gtk_window_fullscreen (GTK_WINDOW (self));
      toast (self, _("Classroom mode: click a lane for its details (I shows or hides them), F5 or Esc leaves."));
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "presentation");
      gtk_window_unfullscreen (GTK_WINDOW (self));
    }
}

gboolean
weft_window_get_presentation (WeftWindow *self)
{
  return self->presentation;
}

static void
presentation_action (GtkWidget *widget, const char *action, GVariant *param)
{
  WeftWindow *self = WEFT_WINDOW (widget);
  weft_window_set_presentation (self, !self->presentation);
}

/* Esc first closes the floating details, then leaves classroom mode. */
static void
leave_presentation_action (GtkWidget *widget, const char *action, GVariant *param)
{
  WeftWindow *self = WEFT_WINDOW (widget);

  /* Esc also leaves the gallery. */
  if (g_str_equal (weft_window_get_page (self), "gallery"))
    {
      weft_window_leave_gallery_action (widget, "win.leave-gallery", NULL);
      return;
    }
  if (details_float (self) && gtk_widget_get_visible (GTK_WIDGET (self->details)))
    show_floating_details (self, FALSE);
  else if (self->presentation)
    weft_window_set_presentation (self, FALSE);
}

static void
toggle_details_action (GtkWidget *widget, const char *action, GVariant *param)
{
  WeftWindow *self = WEFT_WINDOW (widget);

  show_floating_details (self, !gtk_widget_get_visible (GTK_WIDGET (self->details)));
}

static void
search_action (GtkWidget *widget, const char *action, GVariant *param)
{
  WeftWindow *self = WEFT_WINDOW (widget);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
show_match_position (WeftWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  guint current, n;
  g_autofree char *position = NULL;

  weft_timeline_view_get_search_position (self->timeline, &current, &n);
  if (*text == '\0')
    position = g_strdup ("");
  else if (n == 0)
    position = g_strdup (_("no match"));
  else
    /* Translators: the match shown, of how many: "3 of 12" */
    position = g_strdup_printf (_("%u of %u"), current, n);
  gtk_label_set_text (self->match_label, position);
  if (n == 0 && *text)
    gtk_widget_add_css_class (GTK_WIDGET (self->search_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->search_entry), "error");
}

static void
on_search_changed (GtkSearchEntry *entry, WeftWindow *self)
{
  weft_timeline_view_search (self->timeline, gtk_editable_get_text (GTK_EDITABLE (entry)));
  show_match_position (self);
}

static void
find_step_action (GtkWidget *widget, const char *action, GVariant *param)
{
  WeftWindow *self = WEFT_WINDOW (widget);

  weft_timeline_view_search_step (self->timeline, g_str_equal (action, "win.find-next"));
  show_match_position (self);
}

static void
on_search_next (GtkSearchEntry *entry, WeftWindow *self)
{
  find_step_action (GTK_WIDGET (self), "win.find-next", NULL);
}

static void
on_search_previous (GtkSearchEntry *entry, WeftWindow *self)
{
  find_step_action (GTK_WIDGET (self), "win.find-previous", NULL);
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
  weft_details_pane_show (self->details, self->source, thread, t);
  weft_details_pane_show_coroutine (self->details, self->source, weft_timeline_view_get_selected_coroutine (view), t);
  show_floating_details (self, thread >= 0);
}

/* ---- Life cycle ------------------------------------------------------- */

static void
weft_window_dispose (GObject *object)
{
  WeftWindow *self = WEFT_WINDOW (object);

  weft_window_live_dispose (self);
  if (self->replay)
    weft_replay_set_playing (self->replay, FALSE);
  g_clear_object (&self->replay);
  g_clear_object (&self->source);
  g_clear_object (&self->bookmarks);
  g_clear_object (&self->file);
  g_clear_object (&self->chooser);
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
  gtk_widget_class_install_action (widget_class, "win.run-command", NULL, weft_window_run_command_action);
  gtk_widget_class_install_action (widget_class, "win.stop-recording", NULL, weft_window_stop_action);
  gtk_widget_class_install_action (widget_class, "win.show-gallery", NULL, weft_window_show_gallery_action);
  gtk_widget_class_install_action (widget_class, "win.leave-gallery", NULL, weft_window_leave_gallery_action);

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
  g_signal_connect (self->replay, "notify::playhead", G_CALLBACK (on_playhead_changed), self);
  g_signal_connect (self->replay, "notify::playing", G_CALLBACK (on_playing_changed), self);
  g_signal_connect (self->seek_adjustment, "value-changed", G_CALLBACK (on_seek_changed), self);
  g_signal_connect (self->speed_dropdown, "notify::selected", G_CALLBACK (on_speed_selected), self);
  g_signal_connect (self->bookmark_list, "row-activated", G_CALLBACK (on_bookmark_activated), self);
  g_signal_connect (self->recent_list, "row-activated", G_CALLBACK (open_recent_row), self);
  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (on_search_changed), self);
  g_signal_connect (self->search_entry, "activate", G_CALLBACK (on_search_next), self);
  g_signal_connect (self->search_entry, "next-match", G_CALLBACK (on_search_next), self);
  g_signal_connect (self->search_entry, "previous-match", G_CALLBACK (on_search_previous), self);
  g_signal_connect (self->timeline, "selection-changed", G_CALLBACK (on_selection_changed), self);
  gtk_scrollbar_set_adjustment (self->vscrollbar, weft_timeline_view_get_vadjustment (self->timeline));
  gtk_search_bar_set_key_capture_widget (self->search_bar, NULL);
  add_flow_actions (self);

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
  weft_window_live_init (self);
  g_signal_connect_object (self->live_panel, "notify::visible", G_CALLBACK (place_details), self, G_CONNECT_SWAPPED);
  show_page (self, "welcome");
  refresh_recent (self);
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed", G_CALLBACK (refresh_recent), self,
                           G_CONNECT_SWAPPED);
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
