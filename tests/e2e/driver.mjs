// Starts tauri-driver (which drives WebKitWebDriver, which starts the real Crosswalk window) and
// opens WebDriver sessions against it. Used by every spec; needs a display (Xvfb in CI).

import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, existsSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
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
/** How long closing a window may take before the driver and everything it started is killed. */
const CLOSE_TIMEOUT_MS = 20_000;

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

/** A TCP port on loopback that nothing listens on now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** `promise`, or an error after `ms`. */
function within(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * One tauri-driver and what it starts (WebKitWebDriver, the app windows), in a process group of
 * their own on ports of their own: stopping it kills the whole group, so a window or driver that
 * hangs cannot outlive its spec or hold a port the next spec needs.
 */
export class Driver {
  static async start() {
    if (!existsSync(APP)) throw new Error(`the app binary ${APP} does not exist: build it first`);
    mkdirSync(ARTIFACTS, { recursive: true });
    const driver = new Driver();
    await driver.launch();
    return driver;
  }

  async launch() {
    const bin = path.join(root, 'node_modules', '.bin', 'tauri-driver');
    // The app turns WebKit's DMA-BUF renderer off (src-tauri/src/main.rs); WebKitWebDriver's
    // screenshots hang without it under Xvfb, so the suite keeps it on unless told otherwise.
    const env = { ...process.env, WEBKIT_DISABLE_DMABUF_RENDERER: process.env.WEBKIT_DISABLE_DMABUF_RENDERER ?? '0' };
    this.port = await freePort();
    const nativePort = await freePort();
    const args = ['--port', String(this.port), '--native-port', String(nativePort), '--native-driver', '/usr/bin/WebKitWebDriver'];
    this.child = spawn(bin, args, { stdio: ['ignore', 'inherit', 'inherit'], env, detached: true });
    this.exited = new Promise((resolve) => this.child.once('exit', resolve));
    await waitFor(() => portOpen(this.port), 'tauri-driver to listen');
  }

  /** A new window of the app on the database `db`. Retries while WebKitWebDriver starts up. */
  async open(db) {
    let lastError;
    for (let attempt = 0; attempt < 10; attempt++) {
      try {
        const browser = await remote({
          hostname: '127.0.0.1',
          port: this.port,
          logLevel: 'error',
          connectionRetryCount: 0,
          connectionRetryTimeout: 60_000,
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

  /**
   * Closes a window opened by `open`. Closing is not what any spec checks (their assertions are
   * done by then), so a close that fails or hangs is reported and the driver restarted with
   * everything it started killed, instead of failing the spec or leaving a window behind.
   */
  async close(browser) {
    try {
      await within(browser.deleteSession(), CLOSE_TIMEOUT_MS, 'closing the window');
    } catch (error) {
      console.log(`# closing the window failed (${error.message}): restarting the driver`);
      await this.stop();
      await this.launch();
    }
  }

  /** Stops the driver and kills every process it started. */
  async stop() {
    const group = -this.child.pid;
    const signal = (name) => {
      try {
        process.kill(group, name);
      } catch {
        // The group is gone already.
      }
    };
    signal('SIGTERM');
    const stopped = await Promise.race([this.exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 3_000))]);
    // Whatever the driver started (WebKitWebDriver, an app window) may outlive it: kill the group.
    signal('SIGKILL');
    if (!stopped) await within(this.exited, 5_000, 'stopping tauri-driver');
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
