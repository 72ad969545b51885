#!/usr/bin/env bash
# Sets up what is missing and runs every test: the frontend's checks and unit tests, formatting
# and lints, the Rust unit and integration tests (core, CLI, app shell, TypeScript bindings),
# and the end-to-end tests that drive the real window through WebDriver under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test

features=(--features custom-protocol)
target_dir="$(scripts/target-dir.sh)"

# The Rust tests and the end-to-end suite run with no network: in a network namespace whose only
# interface is loopback (tauri-driver and WebKitWebDriver talk over it). A test that reaches out
# fails. Everything is built before, outside the namespace. As a user without root, a user
# namespace maps root first. CROSSWALK_TESTS_WITH_NETWORK=1 runs them without the namespace
# (for a machine that cannot create one); CI never sets it.
offline() {
  if [[ "${CROSSWALK_TESTS_WITH_NETWORK:-}" == "1" ]]; then
    "$@"
    return
  fi
  local userns=()
  if [[ $(id -u) -ne 0 ]]; then userns=(--user --map-root-user); fi
  unshare "${userns[@]}" --net sh -c 'ip link set lo up && exec "$@"' offline "$@"
}
if [[ "${CROSSWALK_TESTS_WITH_NETWORK:-}" != "1" ]] && ! offline true; then
  echo "error: cannot create a network namespace (unshare --net) to run the tests offline;" >&2
  echo "       set CROSSWALK_TESTS_WITH_NETWORK=1 to run them with the network" >&2
  exit 1
fi

echo "==> frontend: type check, unit tests, build"
npm run check --workspace ui
npm run test --workspace ui
npm run build --workspace ui

echo "==> Rust: formatting and lints"
cargo fmt --all --check
cargo clippy --workspace --all-targets "${features[@]}" -- -D warnings

echo "==> Rust: unit and integration tests (no network)"
cargo test --workspace "${features[@]}" --no-run
offline timeout --kill-after=30s 30m cargo test --offline --workspace "${features[@]}"

echo "==> OSCAL: the export read back with compliance-trestle's models (no network)"
# An independent OSCAL implementation (installed by setup.sh --test) parses every demo client's
# Assessment Results and POA&M; the schema validation itself is a Rust test (crates/core/tests/oscal.rs).
offline "${XDG_CACHE_HOME:-$HOME/.cache}/crosswalk/oscal-venv/bin/python" tests/oscal/read_back.py \
  "$target_dir/debug/crosswalk-cli"

echo "==> end-to-end: the real window through WebDriver (no network)"
cargo build -p crosswalk "${features[@]}"
export CROSSWALK_APP="$target_dir/debug/crosswalk"
# Each spec has five minutes (package.json) and the suite 25: a window that hangs fails the run
# instead of holding it until CI gives up.
offline timeout --kill-after=30s 25m \
  xvfb-run --auto-servernum --server-args="-screen 0 1280x800x24" npm test --workspace tests/e2e

echo "==> all tests passed"
