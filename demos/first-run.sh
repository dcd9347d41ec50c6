#!/usr/bin/env bash
# The first thing to see: record a demo of the catalog with the real
# recorder (weft demos run: the five process states R, S, D, T, Z, each
# checked in the trace), then open it in the viewer when there is a
# display, or print its timeline in the terminal when there is none.
set -euo pipefail
build=${1:-build}
weft="$build/tracer/weft"
trace=${WEFT_FIRST_TRACE:-first-run.weft}

demo=${WEFT_FIRST_DEMO:-process-states}

echo "== recording demo $demo: five children, each in one process state (R, S, D, T, Z)"
status=0
"$weft" demos run "$demo" -o "$trace" || status=$?
if [ ! -f "$trace" ]; then
  echo "weft: the demo could not be recorded (status $status); see the message above." >&2
  exit "${status/#0/1}"
fi
if [ -n "${SUDO_UID:-}" ]; then chown "$SUDO_UID:${SUDO_GID:-$SUDO_UID}" "$trace" 2>/dev/null || true; fi

if { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; } && [ -x "$build/gui/weft-gui" ]; then
  # The viewer never runs as root: hand it to the user who called sudo.
  if [ "$(id -u)" = 0 ] && [ -n "${SUDO_USER:-}" ]; then
    exec runuser -u "$SUDO_USER" -- "$build/gui/weft-gui" "$trace"
  fi
  exec "$build/gui/weft-gui" "$trace"
elif "$weft" show --help >/dev/null 2>&1; then
  exec "$weft" show "$trace"
else
  exec "$weft" dump "$trace"
fi
