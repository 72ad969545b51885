// The memory and start-up baseline of scripts/bench-app.sh: an empty page that reports, after
// its first frame, that it is shown (as the portfolio does once its rows are on screen).
requestAnimationFrame(() => window.__TAURI_INTERNALS__?.invoke('app_ready').catch(() => undefined));
