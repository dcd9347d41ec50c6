/*
 * weft-launcher.h: starts the command to trace, held before exec until the
 * recorder has put its pid into the kernel-side filter, so not even its
 * first microseconds are missed.
 */
#pragma once

#include <glib.h>
#include <sys/types.h>

G_BEGIN_DECLS

/* Who the traced command runs as.  Filled from SUDO_UID/SUDO_GID/SUDO_USER
 * by weft_credentials_from_sudo(); drop = FALSE keeps the caller's. */
typedef struct {
  gboolean drop;
  uid_t uid;
  gid_t gid;
  char *user; /* for supplementary groups, may be NULL */
} WeftCredentials;

void weft_credentials_clear (WeftCredentials *creds);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WeftCredentials, weft_credentials_clear)
/* When running as root through sudo or pkexec, the invoking user (from
 * SUDO_UID/SUDO_GID/SUDO_USER or PKEXEC_UID); else no change. */
gboolean weft_credentials_from_sudo (WeftCredentials *creds, GError **error);

/* Where the command runs.  Both may be NULL: the caller's terminal and
 * directory.  The terminal is opened as the user, after the credentials
 * are taken, and becomes the command's controlling terminal (a viewer's
 * embedded terminal, so Ctrl-C and interactive input reach the program). */
typedef struct {
  const char *tty_path;
  const char *directory;
} WeftLaunchPlace;

typedef struct {
  pid_t pid;
  int release_fd; /* write a byte to let the child exec */
  int status_fd;  /* reads errno if exec failed, EOF once it succeeded */
} WeftHeldChild;

/* Forks a child that inherits environment, working directory and standard
 * streams, takes the credentials, and waits.  Fails early with a clear
 * message when argv[0] cannot be found or is not executable. */
gboolean weft_launcher_spawn_held (char **argv, const WeftCredentials *creds,
                                   WeftHeldChild *child, GError **error);
/* The same, in another terminal and directory. */
gboolean weft_launcher_spawn_held_in (char **argv, const WeftCredentials *creds,
                                      const WeftLaunchPlace *place,
                                      WeftHeldChild *child, GError **error);

/* Lets the held child exec argv.  Fails when exec fails in the child. */
gboolean weft_launcher_release (WeftHeldChild *child, const char *program, GError **error);

G_END_DECLS
