#!/usr/bin/env bash
# Installs what Crosswalk needs on a Debian machine that has the Rust toolchain, Node.js and npm:
# the system libraries Tauri builds against (and, with --test, what the tests use), then the npm
# packages. Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# libclang-dev: SQLite's session extension (team sync) makes libsqlite3-sys generate its bindings
# with bindgen at build time, which loads libclang.
build_packages=(libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev pkg-config libclang-dev)
# iproute2: `ip`, to bring up loopback in the tests' network namespace (run-tests.sh).
# pandoc: reads the Word report back in the report tests. python3-venv: the virtualenv for the
# OSCAL read-back (below). syncthing: carries a team folder between two portfolios in the team
# sync end-to-end test (tests/e2e/specs/team.test.mjs).
test_packages=(xvfb xauth webkit2gtk-driver xdotool imagemagick poppler-utils iproute2 pandoc python3-venv syncthing)

packages=("${build_packages[@]}")
if [[ "${1:-}" == "--test" ]]; then
  packages+=("${test_packages[@]}")
fi

missing=()
for pkg in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if ((${#missing[@]} > 0)); then
  echo "==> installing system packages: ${missing[*]}"
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The OSCAL read-back (tests/oscal/read_back.py) uses compliance-trestle's OSCAL models from the
# Python package registry, in a virtualenv of its own under the user's cache folder, never in
# the system's Python. The version is pinned: it models OSCAL 1.2.1, the version the export writes.
if [[ "${1:-}" == "--test" ]]; then
  oscal_venv="${XDG_CACHE_HOME:-$HOME/.cache}/crosswalk/oscal-venv"
  trestle="compliance-trestle==5.2.0"
  if [[ "$(cat "$oscal_venv/.installed" 2>/dev/null)" != "$trestle" ]]; then
    echo "==> installing $trestle into $oscal_venv"
    rm -rf "$oscal_venv"
    python3 -m venv "$oscal_venv"
    "$oscal_venv/bin/pip" install --quiet --disable-pip-version-check "$trestle"
    echo "$trestle" >"$oscal_venv/.installed"
  fi
fi

if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "==> installing npm packages"
  npm ci --no-audit --no-fund
fi
