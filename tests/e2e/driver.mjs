// Starts tauri-driver (which drives WebKitWebDriver, which starts the real Crosswalk window) and
// opens WebDriver sessions against it. Used by every spec; needs a display (Xvfb in CI).

import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, existsSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { remote } from 'webdriverio';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const targetDir = process.env.CARGO_TARGET_DIR ?? path.join(root, 'target');
// A relative CROSSWALK_APP is taken from the repository root, not from this folder.
export const APP = path.resolve(root, process.env.CROSSWALK_APP ?? path.join(targetDir, 'debug', 'crosswalk'));
/** The command-line tool, built beside the app. */
export const CLI = path.join(path.dirname(APP), 'crosswalk-cli');
export const ARTIFACTS = path.join(here, 'artifacts');
const PORT = 4444;
const NATIVE_PORT = 4445;

function portOpen(port) {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitFor(check, what, timeoutMs = 20_000) {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export class Driver {
  static async start() {
    if (!existsSync(APP)) throw new Error(`the app binary ${APP} does not exist: build it first`);
    mkdirSync(ARTIFACTS, { recursive: true });
    const bin = path.join(root, 'node_modules', '.bin', 'tauri-driver');
    // The app turns WebKit's DMA-BUF renderer off (src-tauri/src/main.rs); WebKitWebDriver's
    // screenshots hang without it under Xvfb, so the suite keeps it on unless told otherwise.
    const env = { ...process.env, WEBKIT_DISABLE_DMABUF_RENDERER: process.env.WEBKIT_DISABLE_DMABUF_RENDERER ?? '0' };
    const child = spawn(bin, ['--port', String(PORT), '--native-port', String(NATIVE_PORT), '--native-driver', '/usr/bin/WebKitWebDriver'], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env,
    });
    const driver = new Driver(child);
    await waitFor(() => portOpen(PORT), 'tauri-driver to listen');
    return driver;
  }

  constructor(child) {
    this.child = child;
  }

  /** A new window of the app on the database `db`. Retries while WebKitWebDriver starts up. */
  async open(db) {
    let lastError;
    for (let attempt = 0; attempt < 20; attempt++) {
      try {
        const browser = await remote({
          hostname: '127.0.0.1',
          port: PORT,
          logLevel: 'error',
          connectionRetryCount: 0,
          capabilities: {
            browserName: 'wry',
            'wdio:enforceWebDriverClassic': true,
            'tauri:options': { application: APP, args: ['--db', db] },
          },
        });
        await browser.setTimeout({ implicit: 0 });
        return browser;
      } catch (error) {
        lastError = error;
        await new Promise((r) => setTimeout(r, 250 * (attempt + 1)));
      }
    }
    throw lastError;
  }

  async stop() {
    this.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 200));
  }
}

export function tempDatabase() {
  return path.join(mkdtempSync(path.join(tmpdir(), 'crosswalk-e2e-')), 'portfolio.db');
}

export const byTestId = (id) => `[data-testid="${id}"]`;

/**
 * Runs an app command inside the page, as the UI does once a native dialog (which WebDriver
 * cannot drive) has returned a path. Gives `{ ok, value }` or `{ ok: false, error }`.
 */
export async function invoke(browser, command, args) {
  // The answer crosses WebDriver as JSON text: WebKitWebDriver does not pass nested objects back.
  const text = await browser.executeAsync(
    (cmd, a, done) => {
      window.__TAURI_INTERNALS__.invoke(cmd, a).then(
        (value) => done(JSON.stringify({ ok: true, value })),
        (error) => done(JSON.stringify({ ok: false, error })),
      );
    },
    command,
    args,
  );
  return JSON.parse(text);
}
