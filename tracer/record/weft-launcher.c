/* weft-launcher.c: fork, drop privileges, hold, exec. */
#include "weft-launcher.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "weft-error.h"

void
weft_credentials_clear (WeftCredentials *creds)
{
  g_clear_pointer (&creds->user, g_free);
  creds->drop = FALSE;
}

static gboolean
parse_id (const char *text, guint *out)
{
  guint64 value;

  if (!text || !g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT32 - 1, &value, NULL))
    return FALSE;
  *out = value;
  return TRUE;
}

/* pkexec says only who called it; the group comes from the passwd entry. */
static gboolean
credentials_from_pkexec (WeftCredentials *creds, const char *pkexec_uid, GError **error)
{
  struct passwd *pw;
  guint uid;

  if (!parse_id (pkexec_uid, &uid) || !(pw = getpwuid (uid)))
    {
      g_set_error (error, WEFT_ERROR, WEFT_ERROR_USAGE,
                   _("PKEXEC_UID is set but names no user; run weft through pkexec or unset it."));
      return FALSE;
    }
  if (uid == 0)
    return TRUE;
  creds->drop = TRUE;
  creds->uid = uid;
  creds->gid = pw->pw_gid;
  creds->user = g_strdup (pw->pw_name);
  return TRUE;
}

gboolean
weft_credentials_from_sudo (WeftCredentials *creds, GError **error)
{
  const char *sudo_uid = g_getenv ("SUDO_UID");
  const char *sudo_gid = g_getenv ("SUDO_GID");
  const char *pkexec_uid = g_getenv ("PKEXEC_UID");
  guint uid, gid;

  memset (creds, 0, sizeof *creds);
  if (geteuid () != 0)
    return TRUE;
  if (pkexec_uid)
    return credentials_from_pkexec (creds, pkexec_uid, error);
  if (!sudo_uid)
    return TRUE;
  if (!parse_id (sudo_uid, &uid) || !parse_id (sudo_gid, &gid))
    {
      g_set_error (error, WEFT_ERROR, WEFT_ERROR_USAGE,
                   _("SUDO_UID/SUDO_GID are set but are not numbers; unset them or run weft through sudo."));
      return FALSE;
    }
  if (uid == 0)
    return TRUE;
  creds->drop = TRUE;
  creds->uid = uid;
  creds->gid = gid;
  creds->user = g_strdup (g_getenv ("SUDO_USER"));
  return TRUE;
}

static gboolean
check_program (const char *program, GError **error)
{
  g_autofree char *path = g_find_program_in_path (program);

  if (path)
    return TRUE;
  if (strchr (program, '/') && g_file_test (program, G_FILE_TEST_EXISTS))
    g_set_error (error, WEFT_ERROR, WEFT_ERROR_COMMAND,
                 _("%s is not an executable program (check its permissions)."), program);
  else
    g_set_error (error, WEFT_ERROR, WEFT_ERROR_COMMAND,
                 _("Command not found: %s (check the spelling or give its full path)."), program);
  return FALSE;
}

/* In the child: a new session whose controlling terminal is tty_path, on
 * stdin, stdout and stderr. */
static gboolean
attach_terminal (const char *tty_path, int status_fd)
{
  int fd, err;

  setsid ();
  fd = open (tty_path, O_RDWR);
  if (fd < 0)
    {
      err = errno;
      (void) !write (status_fd, &err, sizeof err);
      return FALSE;
    }
  (void) ioctl (fd, TIOCSCTTY, 0);
  dup2 (fd, STDIN_FILENO);
  dup2 (fd, STDOUT_FILENO);
  dup2 (fd, STDERR_FILENO);
  if (fd > STDERR_FILENO)
    close (fd);
  return TRUE;
}

/* The user's own environment for a command run through sudo or pkexec:
 * they left root's HOME, USER, LOGNAME and SHELL (and pkexec little else),
 * so a program writing to ~/.cache would fail.  These come back from the
 * user's passwd entry; the rest of the environment is kept as it is. */
static char **
environment_for (const WeftCredentials *creds)
{
  char **env = g_get_environ ();
  struct passwd *pw;
  g_autofree char *runtime_dir = NULL;
  struct stat st;

  if (!creds->drop || !(pw = getpwuid (creds->uid)))
    return env;
  env = g_environ_setenv (env, "HOME", pw->pw_dir, TRUE);
  env = g_environ_setenv (env, "USER", pw->pw_name, TRUE);
  env = g_environ_setenv (env, "LOGNAME", pw->pw_name, TRUE);
  env = g_environ_setenv (env, "SHELL", pw->pw_shell, TRUE);
  /* root's runtime directory is no place for the user's sockets. */
  runtime_dir = g_strdup_printf ("/run/user/%u", (guint) creds->uid);
  if (stat (runtime_dir, &st) == 0 && S_ISDIR (st.st_mode) && st.st_uid == creds->uid)
    env = g_environ_setenv (env, "XDG_RUNTIME_DIR", runtime_dir, TRUE);
  else
    env = g_environ_unsetenv (env, "XDG_RUNTIME_DIR");
  return env;
}

/* Runs in the child between fork and exec: async-signal-safe calls only. */
G_GNUC_NORETURN static void
child_main (char **argv, char **env, const WeftCredentials *creds, gid_t *groups, int n_groups,
            const WeftLaunchPlace *place, int release_fd, int status_fd)
{
  char byte = 0;
  ssize_t n;
  int err;
  sigset_t none;

  /* The recorder blocks signals for its own loop; the program must not
   * inherit that. */
  sigemptyset (&none);
  sigprocmask (SIG_SETMASK, &none, NULL);
  signal (SIGINT, SIG_DFL);
  signal (SIGTERM, SIG_DFL);
  signal (SIGPIPE, SIG_DFL);
  signal (SIGCHLD, SIG_DFL);

  if (creds->drop)
    {
      if ((n_groups >= 0 && setgroups (n_groups, groups) < 0) ||
          setgid (creds->gid) < 0 || setuid (creds->uid) < 0)
        {
          err = errno;
          (void) !write (status_fd, &err, sizeof err);
          _exit (126);
        }
    }

  /* A recorder with file capabilities runs as the user already: make
   * sure none of its capabilities can reach the program (exec clears the
   * rest, there being none in the ambient set). */
  prctl (PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);

  if (place->tty_path && !attach_terminal (place->tty_path, status_fd))
    _exit (126);
  if (place->directory && chdir (place->directory) < 0)
    {
      err = errno;
      (void) !write (status_fd, &err, sizeof err);
      _exit (126);
    }

  /* Held here until the recorder traces our pid.  EOF means the recorder
   * went away: then do nothing at all. */
  do
    n = read (release_fd, &byte, 1);
  while (n < 0 && errno == EINTR);
  if (n != 1 || byte != 'g')
    _exit (127);
  close (release_fd);

  execvpe (argv[0], argv, env);
  err = errno;
  (void) !write (status_fd, &err, sizeof err);
  _exit (127);
}

gboolean
weft_launcher_spawn_held (char **argv, const WeftCredentials *creds,
                          WeftHeldChild *child, GError **error)
{
  const WeftLaunchPlace here = { NULL, NULL };

  return weft_launcher_spawn_held_in (argv, creds, &here, child, error);
}

gboolean
weft_launcher_spawn_held_in (char **argv, const WeftCredentials *creds, const WeftLaunchPlace *place,
                             WeftHeldChild *child, GError **error)
{
  int release_pipe[2], status_pipe[2];
  gid_t groups[256];
  int n_groups = -1;
  g_auto (GStrv) env = NULL;
  pid_t pid;

  g_return_val_if_fail (argv && argv[0], FALSE);

  if (!check_program (argv[0], error))
    return FALSE;
  if (creds->drop)
    {
      n_groups = G_N_ELEMENTS (groups);
      if (!creds->user || getgrouplist (creds->user, creds->gid, groups, &n_groups) < 0)
        {
          groups[0] = creds->gid;
          n_groups = 1;
        }
    }
  if (pipe2 (release_pipe, O_CLOEXEC) < 0 || pipe2 (status_pipe, O_CLOEXEC) < 0)
    {
      g_set_error (error, WEFT_ERROR, WEFT_ERROR_FAILED, _("Cannot create a pipe: %s"), g_strerror (errno));
      return FALSE;
    }
  env = environment_for (creds);
  pid = fork ();
  if (pid < 0)
    {
      g_set_error (error, WEFT_ERROR, WEFT_ERROR_FAILED, _("Cannot start the command: %s"), g_strerror (errno));
      return FALSE;
    }
  if (pid == 0)
    {
      close (release_pipe[1]);
      close (status_pipe[0]);
      child_main (argv, env, creds, groups, n_groups, place, release_pipe[0], status_pipe[1]);
    }
  close (release_pipe[0]);
  close (status_pipe[1]);
  child->pid = pid;
  child->release_fd = release_pipe[1];
  child->status_fd = status_pipe[0];
  return TRUE;
}

gboolean
weft_launcher_release (WeftHeldChild *child, const char *program, GError **error)
{
  char go = 'g';
  int err = 0;
  gssize n;

  if (write (child->release_fd, &go, 1) != 1)
    {
      g_set_error (error, WEFT_ERROR, WEFT_ERROR_COMMAND, _("The command died before it could start."));
      return FALSE;
    }
  close (child->release_fd);
  child->release_fd = -1;

  do
    n = read (child->status_fd, &err, sizeof err);
  while (n < 0 && errno == EINTR);
  close (child->status_fd);
  child->status_fd = -1;
  if (n == sizeof err)
    {
      g_set_error (error, WEFT_ERROR, WEFT_ERROR_COMMAND, _("Cannot run %s: %s."), program, g_strerror (err));
      return FALSE;
    }
  return TRUE;
}
