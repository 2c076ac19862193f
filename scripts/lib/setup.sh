# Sourced by scripts/run and scripts/test: install what this project needs on
# a fresh Debian machine (apt packages, Rust components, Node packages,
# tauri-driver), quietly and only when missing. Safe to run again.

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

ensure_node() {
  local version
  version=$(node --version 2>/dev/null | sed 's/^v//')
  if [ -z "$version" ]; then ensure_apt nodejs npm; version=$(node --version 2>/dev/null | sed 's/^v//'); fi
  local major=${version%%.*} minor
  minor=$(echo "$version" | cut -d. -f2)
  if [ "${major:-0}" -lt 20 ] || { [ "$major" -eq 20 ] && [ "${minor:-0}" -lt 19 ]; }; then
    echo "setup: Node.js $version is too old for the screens' build (Vite needs 20.19 or newer). Install Node 20.19+ (e.g. from nodejs.org or NodeSource) and run this again." >&2
    return 1
  fi
}

# The build's needs: a C compiler (bundled SQLite) and the WebKitGTK stack for the desktop shell.
ensure_build_tools() {
  ensure_apt build-essential pkg-config file libssl-dev libwebkit2gtk-4.1-dev libsoup-3.0-dev librsvg2-dev libxdo-dev
}

# The screens' packages, exactly as locked.
ensure_ui_packages() {
  (cd ui && { [ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ]; } || npm ci --no-audit --no-fund --loglevel=error)
}

# End-to-end tests: WebKitWebDriver, a virtual display, ImageMagick for screenshots,
# kill (procps) to end the driver's process group, tauri-driver.
ensure_e2e_tools() {
  ensure_apt webkit2gtk-driver xvfb imagemagick procps
  if [ ! -x "$HOME/.cargo/bin/tauri-driver" ] && ! command -v tauri-driver >/dev/null; then
    echo "setup: installing tauri-driver 2.1.0 (a few minutes, once)" >&2
    cargo install tauri-driver --locked --version 2.1.0 --quiet
  fi
}
