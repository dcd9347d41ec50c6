#!/usr/bin/env bash
# The first thing to see: record a bundled demo with the real recorder,
# then open it in the viewer when there is a display, or print its
# timeline in the terminal when there is none.
set -euo pipefail
build=${1:-build}
weft="$build/tracer/weft"
trace=${WEFT_FIRST_TRACE:-first-run.weft}

echo "== recording: three children exit three ways, one stays a zombie for 1 s"
"$weft" record -o "$trace" -- "$build/tests/programs/fork3"
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
