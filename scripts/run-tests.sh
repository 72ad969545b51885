#!/usr/bin/env bash
# Sets up what is missing and runs every test: the frontend's checks and unit tests, formatting
# and lints, the Rust unit and integration tests (core, CLI, app shell, TypeScript bindings),
# and the end-to-end tests that drive the real window through WebDriver under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test

features=(--features custom-protocol)
target_dir="${CARGO_TARGET_DIR:-target}"

echo "==> frontend: type check, unit tests, build"
npm run check --workspace ui
npm run test --workspace ui
npm run build --workspace ui

echo "==> Rust: formatting and lints"
cargo fmt --all --check
cargo clippy --workspace --all-targets "${features[@]}" -- -D warnings

echo "==> Rust: unit and integration tests"
cargo test --workspace "${features[@]}"

echo "==> end-to-end: the real window through WebDriver"
cargo build -p crosswalk "${features[@]}"
export CROSSWALK_APP="$target_dir/debug/crosswalk"
xvfb-run --auto-servernum --server-args="-screen 0 1280x800x24" npm test --workspace tests/e2e

echo "==> all tests passed"
