/*
 * weft-recent-list.h: the traces opened lately — rows on the welcome page
 * and entries in the Open menu, kept in step with GTK's recent files.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define WEFT_TYPE_RECENT_LIST (weft_recent_list_get_type ())
G_DECLARE_FINAL_TYPE (WeftRecentList, weft_recent_list, WEFT, RECENT_LIST, GObject)

/* Fills list and menu_section (entries "win.open-uri('URI')"); holds no
 * reference to them (the window that owns them outlives it).
 * Signal "open" (GFile *file): a row was activated. */
WeftRecentList *weft_recent_list_new (GtkListBox *list, GMenu *menu_section);

G_END_DECLS
