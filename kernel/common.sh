# Shared settings for the kernel scripts (sourced, not run).
# The cache lives outside the repo so that clones share one kernel build and
# `git clean` never throws away 12 minutes of compiling.
VERISTEP_CACHE=${VERISTEP_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/veristep}
KERNEL_PKG=linux-source-7.3
KERNEL_SUITE=trixie-backports
KERNEL_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname "$KERNEL_DIR")

die() { printf '%s: %s\n' "$(basename "$0")" "$*" >&2; exit 2; }
step() { printf '==> %s\n' "$*" >&2; }
