/* gui-live-deploy.c: weft set up as deployed, for the live viewer tests. */
#include "gui-live-deploy.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <grp.h>
#include <libintl.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "weft-test-util.h"

static void
run_or_die (const char *command)
{
  if (system (command) != 0)
    g_error ("setting up failed: %s", command);
}

/* nobody cannot remove root's folder: a root child waits for this test
 * to end (its pipe's write end closes with the process) and removes it. */
static void
leave_janitor (const char *dir)
{
  int fds[2];
  pid_t pid;

  g_assert_cmpint (pipe2 (fds, O_CLOEXEC), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      int null = open ("/dev/null", O_RDWR);
      char byte;

      close (fds[1]);
      dup2 (null, STDOUT_FILENO); /* the test runner waits for its output to end */
      dup2 (null, STDERR_FILENO);
      for (;;)
        {
          ssize_t n = read (fds[0], &byte, 1);

          if (n == 0 || (n < 0 && errno != EINTR))
            break;
        }
      execlp ("rm", "rm", "-rf", dir, (char *) NULL);
      _exit (127);
    }
  close (fds[0]);
}

void
gui_live_deploy (GuiLiveDeploy *deploy, const char *const *programs)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *runtime = NULL;
  g_autofree char *demos = NULL;
  g_autofree char *demos_copy = NULL;

  if (geteuid () != 0)
    g_error ("this test sets up file capabilities and then drops to nobody: run it as root, as CI does");
  deploy->work_dir = g_dir_make_tmp ("weft-live-XXXXXX", &error);
  g_assert_no_error (error);
  g_chmod (deploy->work_dir, 0755);
  leave_janitor (deploy->work_dir);
  deploy->capable_weft = g_build_filename (deploy->work_dir, "weft", NULL);
  deploy->plain_weft = g_build_filename (deploy->work_dir, "weft-without-capabilities", NULL);
  copy = g_strdup_printf ("cp '%s' '%s' && cp '%s' '%s' && setcap cap_bpf,cap_perfmon+ep '%s'",
                          weft_test_weft_bin (), deploy->capable_weft, weft_test_weft_bin (), deploy->plain_weft, deploy->capable_weft);
  run_or_die (copy);
  for (guint i = 0; programs[i]; i++)
    {
      g_autofree char *built = weft_test_program_path (programs[i]);
      g_autofree char *target = g_build_filename (deploy->work_dir, programs[i], NULL);
      g_autofree char *cp = g_strdup_printf ("cp '%s' '%s' && chmod 755 '%s'", built, target, target);
      run_or_die (cp);
    }
  /* The gallery's catalog and the demo it runs, where nobody can read them. */
  demos = g_build_filename (deploy->work_dir, "demos", NULL);
  demos_copy = g_strdup_printf ("mkdir -p '%s/c' && cp -r '%s/demos/catalog' '%s/' && cp '%s/demos/c/fork-ids' '%s/c/'",
                                demos, g_getenv ("WEFT_SOURCE_ROOT"), demos, g_getenv ("WEFT_BUILD_ROOT"), demos);
  run_or_die (demos_copy);
  {
    g_autofree char *locale_copy = g_strdup_printf ("cp -r '%s/po' '%s/locale'", g_getenv ("WEFT_BUILD_ROOT"), deploy->work_dir);
    run_or_die (locale_copy);
  }
  g_setenv ("WEFT_DEMOS_DIR", demos, TRUE);
  deploy->home_dir = g_build_filename (deploy->work_dir, "home", NULL);
  runtime = g_build_filename (deploy->home_dir, "runtime", NULL);
  g_assert_cmpint (g_mkdir_with_parents (runtime, 0700), ==, 0);
  g_assert_cmpint (chown (deploy->home_dir, GUI_LIVE_NOBODY, GUI_LIVE_NOBODY), ==, 0);
  g_assert_cmpint (chown (runtime, GUI_LIVE_NOBODY, GUI_LIVE_NOBODY), ==, 0);

  if (setgroups (0, NULL) < 0 || setresgid (GUI_LIVE_NOBODY, GUI_LIVE_NOBODY, GUI_LIVE_NOBODY) < 0 || setresuid (GUI_LIVE_NOBODY, GUI_LIVE_NOBODY, GUI_LIVE_NOBODY) < 0)
    g_error ("cannot become nobody: %s", g_strerror (errno));
  g_assert_cmpuint (geteuid (), ==, GUI_LIVE_NOBODY);
  g_setenv ("HOME", deploy->home_dir, TRUE);
  g_setenv ("XDG_RUNTIME_DIR", runtime, TRUE);
  g_setenv ("XDG_DATA_HOME", deploy->home_dir, TRUE);
  g_setenv ("XDG_CONFIG_HOME", deploy->home_dir, TRUE);
  g_setenv ("XDG_CACHE_HOME", deploy->home_dir, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("WEFT_RECORDER", deploy->capable_weft, TRUE);
}

static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

GSubprocess *
gui_live_start_session_bus (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDataInputStream) out = NULL;
  g_autofree char *address = NULL;
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  GSubprocess *bus;

  /* It must not outlive a failing test (and hold its output open). */
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  bus = g_subprocess_launcher_spawn (launcher, &error, "dbus-daemon", "--session", "--nofork", "--print-address=1",
                                     NULL);

  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (bus));
  address = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (address);
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);
  return bus;
}

void
gui_live_bind_translations (const GuiLiveDeploy *deploy)
{
  g_autofree char *locale_dir = g_build_filename (deploy->work_dir, "locale", NULL);

  setlocale (LC_ALL, "");
  bindtextdomain ("weft", locale_dir);
  bind_textdomain_codeset ("weft", "UTF-8");
  textdomain ("weft");
}
