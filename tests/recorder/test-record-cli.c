/*
 * test-record-cli: `weft record` as a user meets it — exit status, every
 * error a user can cause, sudo, -p PID, and stopping it with signals.
 */
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "weft-error.h"
#include "weft-trace-reader.h"
#include "weft-test-util.h"
#include "recorder-test-cli.h"

#define NOBODY 65534

static void
test_exit_status_is_the_commands (void)
{
  const char *argv[] = { "/bin/sh", "-c", "exit 7", NULL };
  g_autoptr (WeftTestTrace) trace = weft_test_record (argv, NULL);

  g_assert_cmpint (trace->exit_status, ==, 7);
  g_assert_false (trace->truncated);
}

static void
test_inherits_environment_and_directory (void)
{
  g_autofree char *dir = recorder_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "env.weft", NULL);
  g_autofree char *out = NULL, *expected = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) env = g_environ_setenv (g_get_environ (), "WEFT_GREETING", "hello class", TRUE);
  const char *argv[] = { weft_test_weft_bin (), "record", "-o", path, "--",
                         "/bin/sh", "-c", "echo \"$WEFT_GREETING\"; pwd; read line; echo \"got $line\"", NULL };
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr (GSubprocess) process = NULL;

  g_subprocess_launcher_set_environ (launcher, env);
  g_subprocess_launcher_set_cwd (launcher, dir);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  /* Standard input, too, is the caller's. */
  g_subprocess_communicate_utf8 (process, "a line from stdin\n", NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));
  expected = g_strdup_printf ("hello class\n%s\ngot a line from stdin\n", dir);
  g_assert_cmpstr (out, ==, expected);
  weft_test_remove_tree (dir);
}

static void
test_command_not_found (void)
{
  const char *args[] = { "record", "-o", "/tmp/never.weft", "--", "no-such-command-xyz", NULL };

  recorder_test_assert_usage_refused (args, "Command not found: no-such-command-xyz");
  g_assert_false (g_file_test ("/tmp/never.weft", G_FILE_TEST_EXISTS));
}

/* A student whose desktop is in Chinese reads the recorder in Chinese:
 * its errors and its summary (the translations built in po/). */
static void
test_messages_in_chinese (void)
{
  g_autofree char *locale_dir = g_build_filename (g_getenv ("WEFT_BUILD_ROOT"), "po", NULL);
  g_autofree char *dir = recorder_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "zh.weft", NULL);
  const char *missing[] = { weft_test_weft_bin (), "record", "-o", path, "--", "no-such-command-xyz", NULL };
  const char *fine[] = { weft_test_weft_bin (), "record", "-o", path, "--", "/bin/true", NULL };
  g_auto (GStrv) env = g_get_environ ();
  g_autoptr (GError) error = NULL;
  g_autofree char *err = NULL, *err_fine = NULL;
  int status;

  env = g_environ_setenv (env, "LANGUAGE", "zh_CN", TRUE);
  env = g_environ_setenv (env, "LC_ALL", "C.UTF-8", TRUE);
  env = g_environ_setenv (env, "WEFT_LOCALEDIR", locale_dir, TRUE);
  g_spawn_sync (NULL, (char **) missing, env, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 2);
  g_assert_cmpstr (err, ==, "weft: 找不到命令:no-such-command-xyz(请检查拼写,或给出完整路径)。\n");

  g_spawn_sync (NULL, (char **) fine, env, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err_fine, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_str_has_prefix (err_fine, "weft: 已记录 "));
  g_assert_nonnull (strstr (err_fine, path));
  g_unlink (path);
  weft_test_remove_tree (dir);
}

static void
test_usage_errors (void)
{
  const char *no_command[] = { "record", "-o", "/tmp/never.weft", NULL };
  const char *both[] = { "record", "-p", "1", "--", "true", NULL };
  const char *unknown[] = { "record", "--frobnicate", NULL };
  const char *bad_sub[] = { "recrod", NULL };

  recorder_test_assert_usage_refused (no_command, "give either a command");
  recorder_test_assert_usage_refused (both, "give either a command");
  recorder_test_assert_usage_refused (unknown, "frobnicate");
  recorder_test_assert_usage_refused (bad_sub, "unknown command 'recrod'");
}

static void
test_unwritable_output (void)
{
  g_autofree char *dir = recorder_test_make_tmpdir ();
  g_autofree char *link = g_build_filename (dir, "link.weft", NULL);
  g_autofree char *target = g_build_filename (dir, "target", NULL);
  const char *missing_dir[] = { "record", "-o", "/nonexistent-dir/t.weft", "--", "true", NULL };
  const char *through_link[] = { "record", "-o", link, "--", "true", NULL };
  const char *a_directory[] = { "record", "-o", dir, "--", "true", NULL };
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (weft_test_run_cli (missing_dir, &out, &err), !=, 0);
  recorder_test_assert_one_sentence (err, "Cannot write /nonexistent-dir/t.weft");
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (symlink (target, link), ==, 0);
  g_assert_cmpint (weft_test_run_cli (through_link, &out, &err), !=, 0);
  recorder_test_assert_one_sentence (err, "symbolic link");
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (weft_test_run_cli (a_directory, &out, &err), !=, 0);
  recorder_test_assert_one_sentence (err, "directory");
  weft_test_remove_tree (dir);
}

static void
test_not_root (void)
{
  const char *args[] = { "record", "-o", "/tmp/never-nobody.weft", "--", "true", NULL };
  g_autofree char *err = NULL;

  g_assert_cmpint (weft_test_run_cli_in ("/", TRUE, args, NULL, &err), ==, 1);
  recorder_test_assert_one_sentence (err, "needs root");
}

/* A recorder running as a user (file capabilities) watches only that
 * user's processes. */
static void
test_attach_needs_own_process (void)
{
  const char *args[] = { "record", "-o", "/tmp/never-nobody.weft", "-p", "1", NULL };
  g_autofree char *err = NULL;

  g_assert_cmpint (weft_test_run_cli_in ("/", TRUE, args, NULL, &err), ==, 2);
  recorder_test_assert_one_sentence (err, "Process 1 belongs to another user");
  g_assert_false (g_file_test ("/tmp/never-nobody.weft", G_FILE_TEST_EXISTS));
}

static void
test_pkexec_runs_command_as_user (void)
{
  g_autofree char *dir = recorder_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "pkexec.weft", NULL);
  g_autofree char *built = weft_test_program_path ("print-ids");
  g_autofree char *program = g_build_filename (dir, "print-ids", NULL);
  g_autofree char *copy = g_strdup_printf ("cp '%s' '%s' && chmod 755 '%s'", built, program, program);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr (GError) error = NULL;
  const char *argv[] = { weft_test_weft_bin (), "record", "-o", path, "--", program, NULL };
  g_auto (GStrv) env = g_environ_setenv (g_get_environ (), "PKEXEC_UID", "65534", TRUE);
  struct stat st;
  int status;

  g_assert_cmpint (system (copy), ==, 0);
  env = g_environ_unsetenv (env, "SUDO_UID");
  g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("weft record through pkexec failed: %s", err);
  /* nobody's group comes from the passwd entry. */
  g_assert_cmpstr (out, ==, "uid=65534 euid=65534 gid=65534 egid=65534\n");
  g_assert_cmpint (stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_uid, ==, NOBODY);
  weft_test_remove_tree (dir);
}

static void
test_kernel_without_btf (void)
{
  const char *argv[] = { weft_test_weft_bin (), "record", "-o", "/tmp/never-btf.weft",
                         "--test-btf-path=/nonexistent/vmlinux", "--", "true", NULL };
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 1);
  recorder_test_assert_one_sentence (err, "no BTF");
  g_assert_false (g_file_test ("/tmp/never-btf.weft", G_FILE_TEST_EXISTS));
}

/* The variables sudo sets when nobody runs weft through it. */
static char **
as_if_sudo_by_nobody (char **env)
{
  env = g_environ_setenv (env, "SUDO_UID", "65534", TRUE);
  env = g_environ_setenv (env, "SUDO_GID", "65534", TRUE);
  return g_environ_setenv (env, "SUDO_USER", "nobody", TRUE);
}

static void
test_sudo_runs_command_as_user (void)
{
  g_autofree char *dir = recorder_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "sudo.weft", NULL);
  g_autofree char *built = weft_test_program_path ("print-ids");
  g_autofree char *program = g_build_filename (dir, "print-ids", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *copy = g_strdup_printf ("cp '%s' '%s' && chmod 755 '%s'", built, program, program);
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) env = g_get_environ ();
  const char *argv[] = { weft_test_weft_bin (), "record", "-o", path, "--", program, NULL };
  g_autoptr (WeftTestTrace) trace = NULL;
  struct stat st;
  int status;

  /* The build tree may be where nobody cannot go (/root): run a copy. */
  g_assert_cmpint (system (copy), ==, 0);
  env = as_if_sudo_by_nobody (env);
  g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("weft record through sudo failed: %s", err);

  /* The command never ran as root, and the file is the user's. */
  g_assert_cmpstr (out, ==, "uid=65534 euid=65534 gid=65534 egid=65534\n");
  g_assert_cmpint (stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_uid, ==, NOBODY);
  g_assert_cmpuint (st.st_gid, ==, NOBODY);

  trace = weft_test_load (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (weft_test_find (trace, WEFT_EV_EXEC, NULL, NULL));
  weft_test_remove_tree (dir);
}

/* sudo hands weft root's HOME, USER, LOGNAME and SHELL: the command gets
 * the user's back (here nobody's, from its passwd entry), as if the user
 * had run it, and the rest of the environment as it was. */
static void
test_sudo_gives_users_environment (void)
{
  g_autofree char *dir = recorder_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "env.weft", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) env = g_get_environ ();
  const char *argv[] = { weft_test_weft_bin (), "record", "-o", path, "--", "/bin/sh", "-c",
                         "echo \"$HOME $USER $LOGNAME $SHELL ${XDG_RUNTIME_DIR-none} $WEFT_KEPT\"", NULL };
  int status;

  /* What sudo's env_reset leaves a root shell with. */
  env = g_environ_setenv (env, "HOME", "/root", TRUE);
  env = g_environ_setenv (env, "USER", "root", TRUE);
  env = g_environ_setenv (env, "LOGNAME", "root", TRUE);
  env = g_environ_setenv (env, "SHELL", "/bin/bash", TRUE);
  env = g_environ_setenv (env, "XDG_RUNTIME_DIR", "/run/user/0", TRUE);
  env = g_environ_setenv (env, "WEFT_KEPT", "kept", TRUE);
  env = as_if_sudo_by_nobody (env);
  g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("weft record through sudo failed: %s", err);
  {
    struct passwd *nobody = getpwuid (NOBODY);
    g_autofree char *expected = g_strdup_printf ("%s nobody nobody %s none kept\n", nobody->pw_dir, nobody->pw_shell);

    g_assert_cmpstr (out, ==, expected);
    g_assert_cmpstr (nobody->pw_dir, !=, "/root");
  }
  weft_test_remove_tree (dir);
}

/* Through sudo the file is created as the user, so a directory the user
 * may not write to stays untouched although weft itself runs as root. */
static void
test_sudo_cannot_write_where_user_cannot (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("weft-rootdir-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "sneaky.weft", NULL);
  g_auto (GStrv) env = g_get_environ ();
  const char *argv[] = { weft_test_weft_bin (), "record", "-o", path, "--", "/bin/true", NULL };
  g_autofree char *err = NULL;
  int status;

  g_assert_no_error (error);
  g_chmod (dir, 0755); /* root's: nobody may not create files here */
  env = as_if_sudo_by_nobody (env);
  g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) != 0);
  recorder_test_assert_one_sentence (err, path);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_rmdir (dir);
}

/* Nor can the user make weft write somewhere else through a symlink. */
static void
test_sudo_symlink_planted_by_user (void)
{
  g_autofree char *dir = recorder_test_make_tmpdir (); /* 1777, like /tmp */
  g_autofree char *link = g_build_filename (dir, "trace.weft", NULL);
  g_autofree char *target = g_build_filename (dir, "roots-file", NULL);
  g_autofree char *contents = NULL;
  g_auto (GStrv) env = g_get_environ ();
  const char *argv[] = { weft_test_weft_bin (), "record", "-o", link, "--", "/bin/true", NULL };
  g_autoptr (GError) error = NULL;
  g_autofree char *err = NULL;
  int status;

  g_assert_true (g_file_set_contents (target, "root's data\n", -1, NULL));
  g_assert_cmpint (symlink (target, link), ==, 0);
  g_assert_cmpint (lchown (link, NOBODY, NOBODY), ==, 0);
  env = as_if_sudo_by_nobody (env);
  g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) != 0);
  recorder_test_assert_one_sentence (err, "symbolic link");
  g_assert_true (g_file_get_contents (target, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "root's data\n");
  weft_test_remove_tree (dir);
}

static gboolean
is_task_of (const struct weft_event_header *event, gpointer pid)
{
  return event->tgid == GPOINTER_TO_UINT (pid);
}

static GPid
spawn_weft (const char *const *args, int *err_fd)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  GPid pid;

  g_ptr_array_add (argv, (char *) weft_test_weft_bin ());
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_async_with_pipes (NULL, (char **) argv->pdata, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &pid, NULL, NULL, err_fd, &error);
  g_assert_no_error (error);
  return pid;
}

static void
test_attach_to_running_process (void)
{
  g_autofree char *dir = recorder_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "attach.weft", NULL);
  g_autofree char *go = g_build_filename (dir, "go", NULL);
  g_autofree char *script = NULL;
  g_autofree char *pid_text = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (WeftTestTrace) trace = NULL;
  const struct weft_task_info *info;
  GPid target, recorder;
  int status;

  /* The target runs its commands only once the recorder is there, however
   * long that takes on a loaded machine (its naps make the first chunk). */
  script = g_strdup_printf ("while [ ! -e '%s' ]; do sleep 0.05; done; /bin/true; /bin/true; sleep 0.2", go);
  {
    const char *target_argv[] = { "/bin/sh", "-c", script, NULL };

    g_spawn_async (NULL, (char **) target_argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &target, &error);
    g_assert_no_error (error);
  }
  pid_text = g_strdup_printf ("%d", target);
  {
    const char *args[] = { "record", "-o", path, "-p", pid_text, NULL };
    recorder = spawn_weft (args, NULL);
  }
  recorder_test_wait_for_file (path, 600); /* its first chunk: attached */
  g_assert_true (g_file_set_contents (go, "", 0, NULL));
  recorder_test_wait_for (target); /* as its parent we reap it; the recorder saw it exit */
  status = recorder_test_wait_for (recorder);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);

  trace = weft_test_load (path, &error);
  g_assert_no_error (error);
  g_assert_false (trace->truncated);
  g_assert_cmpuint (trace->info.root_pid, ==, target);
  g_assert_true (trace->info.flags & WEFT_TRACE_FLAG_ATTACHED);
  info = (const void *) weft_test_find (trace, WEFT_EV_TASK_INFO, is_task_of, GUINT_TO_POINTER (target));
  g_assert_nonnull (info);
  g_assert_cmpuint (info->h.tgid, ==, target);
  g_assert_cmpstr (info->comm, ==, "sh");
  g_assert_cmpuint (weft_test_events_of_kind (trace, WEFT_EV_FORK)->len, >=, 2);
  g_assert_cmpuint (weft_test_events_of_kind (trace, WEFT_EV_EXEC)->len, >=, 2); /* /bin/true, twice */
  g_assert_nonnull (weft_test_find (trace, WEFT_EV_EXIT, NULL, NULL));
  weft_test_remove_tree (dir);
}

/* A failed -p keeps the file it was told to write: nothing is replaced
 * before the recording really starts. */
static void
test_attach_to_missing_process (void)
{
  g_autofree char *dir = recorder_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "keep.weft", NULL);
  const char *args[] = { "record", "-o", path, "-p", "999999999", NULL };
  const char *precious = "an earlier recording the user wants to keep";
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *kept = NULL;

  g_assert_true (g_file_set_contents (path, precious, -1, NULL));
  g_assert_cmpint (weft_test_run_cli (args, &out, &err), !=, 0);
  recorder_test_assert_one_sentence (err, "no process with pid 999999999");
  g_assert_true (g_file_get_contents (path, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, precious);
  weft_test_remove_tree (dir);
}

/* -o a FIFO: refused at once, never waiting for a reader. */
static void
test_output_is_a_fifo (void)
{
  g_autofree char *dir = recorder_test_make_tmpdir ();
  g_autofree char *fifo = g_build_filename (dir, "pipe.weft", NULL);
  const char *args[] = { "record", "-o", fifo, "--", "/bin/true", NULL };
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);
  g_assert_cmpint (weft_test_run_cli (args, &out, &err), !=, 0);
  recorder_test_assert_one_sentence (err, "not your regular file");
  weft_test_remove_tree (dir);
}

static void
stop_recorder_with (int sig, gboolean expect_complete)
{
  g_autofree char *dir = recorder_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "stopped.weft", NULL);
  g_autofree char *ticker = weft_test_program_path ("ticker");
  const char *args[] = { "record", "-o", path, "--", ticker, "30", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (WeftTestTrace) trace = NULL;
  g_autoptr (GPtrArray) forks = NULL;
  GPid recorder = spawn_weft (args, NULL);
  int status;

  guint64 killed_ns, last_ns;

  /* Let it record a few chunks' worth (one flush a second) first. */
  recorder_test_wait_for_file (path, 600);
  g_usleep (2500000);
  killed_ns = g_get_monotonic_time () * 1000; /* CLOCK_MONOTONIC, like the events */
  kill (recorder, sig);
  status = recorder_test_wait_for (recorder);
  g_assert_true (WIFSIGNALED (status) == (sig == SIGKILL));

  trace = weft_test_load (path, &error);
  g_assert_no_error (error);
  forks = weft_test_events_of_kind (trace, WEFT_EV_FORK);
  g_assert_cmpuint (forks->len, >=, 10);
  last_ns = ((const struct weft_event_header *) g_ptr_array_index (trace->events, trace->events->len - 1))->ts;
  g_test_message ("signal %d: %u forks, the last event %.3f s before the signal", sig, forks->len,
                  ((gint64) killed_ns - (gint64) last_ns) / 1e9);
  if (expect_complete)
    g_assert_false (trace->truncated);
  else
    {
      const char *dump[] = { "dump", path, NULL };
      g_autofree char *out = NULL, *err = NULL;

      /* Readable up to the last chunk written (once a second), and the
       * reader says it was cut short.  The ticker forks every 20 ms, so
       * the last event tells how much is missing: about a second at most
       * (0.5 s more for a loaded machine). */
      g_assert_true (trace->truncated);
      g_assert_cmpuint (killed_ns - last_ns, <, 1500000000);
      g_assert_cmpint (weft_test_run_cli (dump, &out, &err), ==, 0);
      g_assert_nonnull (strstr (err, "cut short"));
    }

  /* The ticker keeps going after the recorder stops; end it. */
  system ("pkill -KILL -f 'ticker 30'");
  weft_test_remove_tree (dir);
}

static void
test_sigterm_leaves_complete_file (void)
{
  stop_recorder_with (SIGTERM, TRUE);
}

static void
test_sigint_leaves_complete_file (void)
{
  stop_recorder_with (SIGINT, TRUE);
}

static void
test_sigkill_leaves_readable_file (void)
{
  stop_recorder_with (SIGKILL, FALSE);
}

/* kill -TERM (or -HUP, -INT) of the recorder's pid from elsewhere: the
 * program and its child get the same signal, their handlers run, and the
 * recording goes on until they have ended. */
static void
pass_signal_on (int sig)
{
  g_autofree char *dir = recorder_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "passed-on.weft", NULL);
  g_autofree char *ready = g_build_filename (dir, "ready", NULL);
  g_autofree char *catcher = weft_test_program_path ("signal-catcher");
  const char *args[] = { "record", "-o", path, "--", catcher, dir, NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (WeftTestTrace) trace = NULL;
  GPid recorder = spawn_weft (args, NULL);
  guint caught = 0, delivered = 0;
  int status;

  for (int i = 0; i < 400 && !g_file_test (ready, G_FILE_TEST_EXISTS); i++)
    g_usleep (50000);
  g_assert_true (g_file_test (ready, G_FILE_TEST_EXISTS));
  kill (recorder, sig);
  status = recorder_test_wait_for (recorder);
  /* The recorder exits as the program did: through its handler. */
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 100 + sig);

  trace = weft_test_load (path, &error);
  g_assert_no_error (error);
  g_assert_false (trace->truncated);
  for (guint i = 0; i < trace->events->len; i++)
    {
      const struct weft_event_header *h = g_ptr_array_index (trace->events, i);

      if (h->kind == WEFT_EV_EXIT && (((const struct weft_exit *) h)->flags & WEFT_EXIT_GROUP_DEAD) &&
          ((const struct weft_exit *) h)->exit_code == (100 + sig) << 8)
        caught++;
      if (h->kind == WEFT_EV_SIGNAL_DELIVER && ((const struct weft_signal *) h)->sig == sig)
        delivered++;
    }
  /* Both processes got it and ended through their handler, in the trace. */
  g_assert_cmpuint (delivered, ==, 2);
  g_assert_cmpuint (caught, ==, 2);
  weft_test_remove_tree (dir);
}

static void
test_sigterm_passed_on (void)
{
  pass_signal_on (SIGTERM);
}

static void
test_sighup_passed_on (void)
{
  pass_signal_on (SIGHUP);
}

static void
test_sigint_passed_on (void)
{
  pass_signal_on (SIGINT);
}

static void
test_dump_errors (void)
{
  g_autofree char *dir = recorder_test_make_tmpdir ();
  g_autofree char *junk = g_build_filename (dir, "junk.weft", NULL);
  const char *missing[] = { "dump", "/nonexistent.weft", NULL };
  const char *directory[] = { "dump", dir, NULL };
  const char *not_trace[] = { "dump", junk, NULL };
  g_autofree char *out = NULL, *err = NULL;

  g_file_set_contents (junk, "hello, I am not a trace\n", -1, NULL);
  g_assert_cmpint (weft_test_run_cli (missing, &out, &err), ==, 1);
  recorder_test_assert_one_sentence (err, "/nonexistent.weft does not exist");
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (weft_test_run_cli (directory, &out, &err), ==, 1);
  recorder_test_assert_one_sentence (err, "is a directory");
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (weft_test_run_cli (not_trace, &out, &err), ==, 1);
  recorder_test_assert_one_sentence (err, "not a weft trace");
  weft_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/record/exit-status", test_exit_status_is_the_commands);
  g_test_add_func ("/record/inherits", test_inherits_environment_and_directory);
  g_test_add_func ("/record/command-not-found", test_command_not_found);
  g_test_add_func ("/record/usage-errors", test_usage_errors);
  g_test_add_func ("/record/messages-in-chinese", test_messages_in_chinese);
  g_test_add_func ("/record/unwritable-output", test_unwritable_output);
  g_test_add_func ("/record/not-root", test_not_root);
  g_test_add_func ("/record/attach-own-only", test_attach_needs_own_process);
  g_test_add_func ("/record/sudo", test_sudo_runs_command_as_user);
  g_test_add_func ("/record/sudo-users-environment", test_sudo_gives_users_environment);
  g_test_add_func ("/record/pkexec", test_pkexec_runs_command_as_user);
  g_test_add_func ("/record/sudo-unwritable-dir", test_sudo_cannot_write_where_user_cannot);
  g_test_add_func ("/record/sudo-planted-symlink", test_sudo_symlink_planted_by_user);
  g_test_add_func ("/record/no-btf", test_kernel_without_btf);
  g_test_add_func ("/record/attach", test_attach_to_running_process);
  g_test_add_func ("/record/attach-missing", test_attach_to_missing_process);
  g_test_add_func ("/record/output-fifo", test_output_is_a_fifo);
  g_test_add_func ("/record/sigterm", test_sigterm_leaves_complete_file);
  g_test_add_func ("/record/sigint", test_sigint_leaves_complete_file);
  g_test_add_func ("/record/sigkill", test_sigkill_leaves_readable_file);
  g_test_add_func ("/record/sigterm-passed-on", test_sigterm_passed_on);
  g_test_add_func ("/record/sighup-passed-on", test_sighup_passed_on);
  g_test_add_func ("/record/sigint-passed-on", test_sigint_passed_on);
  g_test_add_func ("/dump/errors", test_dump_errors);
  return g_test_run ();
}
