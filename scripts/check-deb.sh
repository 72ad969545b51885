#!/usr/bin/env bash
# Builds the Debian package (`npm run build`, which runs `tauri build`) and checks it: the package
# is unpacked into a temporary folder, the packaged app started under Xvfb with an empty home
# folder and nothing else in its environment; it must stay up and create its portfolio database
# in the per-user data folder ($HOME/.local/share/crosswalk/crosswalk.db).
# Usage: scripts/check-deb.sh [--no-build]   (release build: about ten minutes on two cores)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
if [[ "${1:-}" != "--no-build" ]]; then
  npm run build
fi
target_dir="$(scripts/target-dir.sh)"
deb="$(ls -t "$target_dir"/release/bundle/deb/*.deb 2>/dev/null | head -1)"
[[ -n "$deb" ]] || { echo "error: no .deb under $target_dir/release/bundle/deb" >&2; exit 1; }
echo "==> $deb ($(du -h "$deb" | cut -f1))"
dpkg-deb --field "$deb" Package Version Architecture Depends

work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
dpkg-deb -x "$deb" "$work/root"
app="$work/root/usr/bin/crosswalk"
[[ -x "$app" ]] || { echo "error: the package has no /usr/bin/crosswalk" >&2; exit 1; }
[[ -f "$work/root/usr/share/applications/Crosswalk.desktop" ]] || { echo "error: no desktop entry" >&2; exit 1; }

home="$work/home"
mkdir -p "$home"
# Under its own Xvfb (a free display number), with nothing of this shell's environment.
xvfb-run --auto-servernum --server-args="-screen 0 1280x800x24" \
  sh -c 'exec env -i HOME="$1" DISPLAY="$DISPLAY" XAUTHORITY="$XAUTHORITY" PATH=/usr/bin:/bin "$2"' \
  check-deb "$home" "$app" >"$work/app.log" 2>&1 &
db="$home/.local/share/crosswalk/crosswalk.db"
for _ in $(seq 1 100); do [[ -s "$db" ]] && break; sleep 0.2; done
sleep 2
pid="$(pgrep -f -x "$app" || true)"
if [[ -z "$pid" ]]; then
  echo "error: the packaged app is not running; its output:" >&2
  cat "$work/app.log" >&2
  exit 1
fi
[[ -s "$db" ]] || { echo "error: the packaged app did not create $db" >&2; cat "$work/app.log" >&2; exit 1; }
echo "==> the packaged app is running and created its database at ~/.local/share/crosswalk/crosswalk.db"
kill "$pid"
