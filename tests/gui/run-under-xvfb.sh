#!/bin/bash
# run-under-xvfb.sh COMMAND [ARGS...]: runs COMMAND on its own Xvfb display
# (the first free number from 90 up) inside its own D-Bus session, so GUI
# tests need no desktop and never touch the user's.
set -u

display=90
while [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ]; do
  display=$((display + 1))
done

Xvfb ":$display" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
trap 'kill "$xvfb_pid" 2>/dev/null; wait "$xvfb_pid" 2>/dev/null' EXIT INT TERM

# Wait (up to 10 s) for the server's socket.
tries=0
while [ ! -e "/tmp/.X11-unix/X$display" ]; do
  tries=$((tries + 1))
  if [ "$tries" -gt 100 ] || ! kill -0 "$xvfb_pid" 2>/dev/null; then
    echo "run-under-xvfb: Xvfb :$display did not start; install the xvfb package." >&2
    exit 1
  fi
  sleep 0.1
done

DISPLAY=":$display"
export DISPLAY
unset WAYLAND_DISPLAY
# dbus-daemon complains it cannot raise its fd limit in containers: harmless.
dbus-run-session -- "$@" 2> >(grep -v "Failed to set fd limit" >&2)
