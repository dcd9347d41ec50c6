#!/bin/sh
# install-capabilities.sh BINDIR/weft: meson's install step.  Gives the
# installed recorder the two capabilities eBPF tracing needs (CAP_BPF to
# load the programs, CAP_PERFMON to attach them), so weft-gui can record as
# the user; see docs/privileges.md.  Staged installs (DESTDIR) and non-root
# installs only say what to run.
set -u
target="${MESON_INSTALL_DESTDIR_PREFIX}/$1"
command="setcap cap_bpf,cap_perfmon+ep $target"
if [ -n "${DESTDIR:-}" ] || [ "$(id -u)" != 0 ] || ! command -v setcap >/dev/null 2>&1; then
  # Packagers: the path where it will be installed, not the staging one.
  echo "weft: to let users record from weft-gui, run as root: setcap cap_bpf,cap_perfmon+ep ${MESON_INSTALL_PREFIX:-}/$1"
  exit 0
fi
if $command; then
  echo "weft: $target may now record (file capabilities cap_bpf,cap_perfmon)"
else
  echo "weft: could not set file capabilities; run as root: $command" >&2
fi
exit 0
