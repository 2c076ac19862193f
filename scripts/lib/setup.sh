# Sourced by scripts/run and scripts/test: install what this project needs on
# a fresh Debian machine (apt packages, Rust components), quietly and only
# when missing. Safe to run again.

need_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "setup: '$*' needs root; run it as root or install sudo" >&2; return 1; fi
}

apt_updated=""
ensure_apt() {
  # ensure_apt PACKAGE...: install the Debian packages not yet installed.
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "setup: installing ${missing[*]}" >&2
  if [ -z "$apt_updated" ]; then need_root apt-get update -qq >/dev/null; apt_updated=1; fi
  need_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_rust() {
  if ! command -v cargo >/dev/null; then
    [ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"
  fi
  if ! command -v cargo >/dev/null; then
    echo "setup: Rust is not installed. Install it with rustup (https://rustup.rs), Rust 1.85 or newer, then run this again." >&2
    return 1
  fi
  if command -v rustup >/dev/null; then
    cargo fmt --version >/dev/null 2>&1 || rustup component add rustfmt >&2
    cargo clippy --version >/dev/null 2>&1 || rustup component add clippy >&2
  fi
}

# The build's own needs: a C compiler and pkg-config (bundled SQLite).
ensure_build_tools() {
  ensure_apt build-essential pkg-config
}
