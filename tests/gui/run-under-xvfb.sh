#!/bin/bash
# run-under-xvfb.sh COMMAND [ARGS...]: runs COMMAND on its own Xvfb display
# inside its own D-Bus session, so GUI tests need no desktop and never touch
# the user's.  Xvfb picks a free display number itself (-displayfd), so
# tests started at the same moment never share one.
set -u

number_file=$(mktemp)
trap 'rm -f "$number_file"' EXIT
Xvfb -displayfd 3 -screen 0 1600x1000x24 -nolisten tcp 3>"$number_file" >/dev/null 2>&1 &
xvfb_pid=$!
trap 'kill "$xvfb_pid" 2>/dev/null; wait "$xvfb_pid" 2>/dev/null; rm -f "$number_file"' EXIT INT TERM

# Wait (up to 10 s) for the server to say which display it took.
tries=0
while [ ! -s "$number_file" ]; do
  tries=$((tries + 1))
  if [ "$tries" -gt 100 ] || ! kill -0 "$xvfb_pid" 2>/dev/null; then
    echo "run-under-xvfb: Xvfb did not start; install the xvfb package." >&2
    exit 1
  fi
  sleep 0.1
done
display=$(head -n 1 "$number_file")

DISPLAY=":$display"
export DISPLAY
unset WAYLAND_DISPLAY
# The same GTK on every machine, whatever graphics drivers it has: drawn
# with cairo, GL and Vulkan never initialised (GTK 4.8 creates a GL context
# on X11 even for the cairo renderer, and Mesa's driver leaks where
# LeakSanitizer cannot name it), settings in memory whether or not dconf
# is installed.  Leaks in weft's own code still fail the sanitized run.
export GDK_DEBUG=gl-disable:vulkan-disable
export GSK_RENDERER=cairo
export GSETTINGS_BACKEND=memory
# Under AddressSanitizer, unwind allocations fully: GLib and GIO have no
# frame pointers, so a fast unwind stops at g_malloc and a leak could be
# neither blamed on the library that made it nor suppressed by its name
# (.ci/lsan-suppressions.txt).
if [ -n "${ASAN_OPTIONS+set}" ]; then
  export ASAN_OPTIONS="${ASAN_OPTIONS}:fast_unwind_on_malloc=0:malloc_context_size=10"
fi
# dbus-daemon complains it cannot raise its fd limit in containers: harmless.
dbus-run-session -- "$@" 2> >(grep -v "Failed to set fd limit" >&2)
