#!/usr/bin/env bash
# Sets up what is missing, builds the frontend and starts the Crosswalk desktop app.
# On the first start (no portfolio database yet) the demo portfolio is loaded, so there is
# something to look at; an existing portfolio is left as it is.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

echo "==> building the frontend"
npm run build --workspace ui --silent

echo "==> building Crosswalk"
cargo build -p crosswalk-cli -p crosswalk --features custom-protocol
target_dir="$(scripts/target-dir.sh)"

db="$("$target_dir/debug/crosswalk-cli" --json info | sed -n 's/.*"database": "\(.*\)".*/\1/p')"
if [[ "$("$target_dir/debug/crosswalk-cli" --json info | sed -n 's/.*"clients": \([0-9]*\).*/\1/p')" == "0" ]]; then
  echo "==> empty portfolio at $db: loading the demo clients"
  "$target_dir/debug/crosswalk-cli" demo
fi

echo "==> starting Crosswalk on $db"
exec "$target_dir/debug/crosswalk" "$@"
