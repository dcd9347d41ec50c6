/* weft-record-access.c: file capabilities, pkexec, or root. */
#include "weft-record-access.h"

#include <glib/gi18n-lib.h>
#include <linux/capability.h>
#include <stdlib.h>
#include <string.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "weft-error.h"

#ifndef CAP_PERFMON
#define CAP_PERFMON 38
#endif
#ifndef CAP_BPF
#define CAP_BPF 39
#endif

const char *
weft_record_access_build_root (void)
{
  static char *root;
  static gsize looked;

  if (g_once_init_enter (&looked))
    {
      g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
      char *build = realpath (WEFT_BUILD_ROOT, NULL);
      g_autofree char *inside = build ? g_strconcat (build, G_DIR_SEPARATOR_S, NULL) : NULL;

      if (exe && inside && g_str_has_prefix (exe, inside))
        root = build;
      else
        free (build);
      g_once_init_leave (&looked, 1);
    }
  return root;
}

char *
weft_record_access_recorder_path (void)
{
  const char *override = g_getenv ("WEFT_RECORDER");
  const char *build = weft_record_access_build_root ();

  if (override && *override)
    return g_strdup (override);
  if (build)
    return g_build_filename (build, "tracer", "weft", NULL);
  return g_build_filename (WEFT_BINDIR, "weft", NULL);
}

static gboolean
has_cap (const struct vfs_ns_cap_data *data, int cap)
{
  return (GUINT32_FROM_LE (data->data[CAP_TO_INDEX (cap)].permitted) & CAP_TO_MASK (cap)) != 0;
}

gboolean
weft_record_access_has_capabilities (const char *path)
{
  struct vfs_ns_cap_data data = { 0 };
  ssize_t len = getxattr (path, "security.capability", &data, sizeof data);
  guint32 magic;

  if (len < (ssize_t) XATTR_CAPS_SZ_2)
    return FALSE;
  magic = GUINT32_FROM_LE (data.magic_etc);
  if ((magic & VFS_CAP_REVISION_MASK) < VFS_CAP_REVISION_2 || !(magic & VFS_CAP_FLAGS_EFFECTIVE))
    return FALSE;
  return has_cap (&data, CAP_BPF) && has_cap (&data, CAP_PERFMON);
}

/* pkexec only runs programs a policy names; ours is installed by meson. */
static gboolean
pkexec_usable (void)
{
  g_autofree char *pkexec = g_find_program_in_path ("pkexec");
  g_autofree char *policy = g_build_filename (WEFT_POLKIT_ACTIONS_DIR, "org.weft.Weft.record.policy", NULL);

  return pkexec && g_file_test (policy, G_FILE_TEST_EXISTS);
}

gboolean
weft_record_access_detect (const char *recorder_path, WeftRecordAccess *access, GError **error)
{
  const char *build = weft_record_access_build_root ();

  if (!g_file_test (recorder_path, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_set_error (error, WEFT_ERROR, WEFT_ERROR_COMMAND,
                   _("The recorder %s is missing; install weft again (or point WEFT_RECORDER at a weft binary)."),
                   recorder_path);
      return FALSE;
    }
  if (geteuid () == 0)
    *access = WEFT_RECORD_ACCESS_DIRECT;
  else if (weft_record_access_has_capabilities (recorder_path))
    *access = WEFT_RECORD_ACCESS_CAPABILITIES;
  else if (pkexec_usable ())
    *access = WEFT_RECORD_ACCESS_PKEXEC;
  else if (build && g_str_has_prefix (recorder_path, build))
    {
      g_set_error (error, WEFT_ERROR, WEFT_ERROR_PERMISSION,
                   _("Recording from this build tree is not set up: run “sudo setcap cap_bpf,cap_perfmon+ep %s” "
                     "once, or install weft with “sudo meson install -C %s” (saved traces open without it)."),
                   recorder_path, build);
      return FALSE;
    }
  else
    {
      g_set_error (error, WEFT_ERROR, WEFT_ERROR_PERMISSION,
                   _("Recording is not set up on this computer: run “sudo setcap cap_bpf,cap_perfmon+ep %s” "
                     "once (saved traces open without it)."), recorder_path);
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
weft_record_access_argv (const char *recorder_path, WeftRecordAccess access)
{
  GPtrArray *argv = g_ptr_array_new_with_free_func (g_free);

  if (access == WEFT_RECORD_ACCESS_PKEXEC)
    g_ptr_array_add (argv, g_strdup ("pkexec"));
  g_ptr_array_add (argv, g_strdup (recorder_path));
  return argv;
}
