#!/usr/bin/env bash
# Prints the absolute path of the folder cargo builds into, whichever way it was chosen:
# CARGO_TARGET_DIR, `build.target-dir` in a cargo config file (even one outside the clone), or the
# default ./target. Scripts that run a built binary from another folder need the absolute form.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo metadata --format-version 1 --no-deps --offline \
  | node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => console.log(JSON.parse(s).target_directory));'
