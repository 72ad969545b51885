// Two Syncthing instances on loopback that share one folder, as two consultants' laptops would:
// no discovery servers, no relays, no NAT traversal, no usage reports, each told the other's
// address directly. Used by the team sync spec to carry a Crosswalk team folder between two
// portfolios.

import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './driver.mjs';

const FOLDER_ID = 'crosswalk-team';

/** Whether a `syncthing` binary can be run here; the reason when not. */
export function syncthingAvailable() {
  try {
    const version = execFileSync('syncthing', ['--version'], { encoding: 'utf8', timeout: 10_000 });
    return { ok: true, version: version.trim() };
  } catch (e) {
    return { ok: false, reason: `syncthing cannot run here: ${e.message}` };
  }
}

function escapeXml(text) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function config({ folder, self, other, listen, gui, apikey }) {
  return `<configuration version="36">
  <folder id="${FOLDER_ID}" label="Crosswalk team" path="${escapeXml(folder)}" type="sendreceive" rescanIntervalS="1" fsWatcherEnabled="false">
    <device id="${self.id}"></device>
    <device id="${other.id}"></device>
  </folder>
  <device id="${self.id}" name="${self.name}"><address>dynamic</address></device>
  <device id="${other.id}" name="${other.name}"><address>tcp://127.0.0.1:${other.listen}</address></device>
  <gui enabled="true" tls="false"><address>127.0.0.1:${gui}</address><apikey>${apikey}</apikey></gui>
  <options>
    <listenAddress>tcp://127.0.0.1:${listen}</listenAddress>
    <globalAnnounceEnabled>false</globalAnnounceEnabled>
    <localAnnounceEnabled>false</localAnnounceEnabled>
    <relaysEnabled>false</relaysEnabled>
    <natEnabled>false</natEnabled>
    <urAccepted>-1</urAccepted>
    <startBrowser>false</startBrowser>
    <crashReportingEnabled>false</crashReportingEnabled>
    <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
    <reconnectionIntervalS>1</reconnectionIntervalS>
  </options>
</configuration>
`;
}

/**
 * Starts two Syncthing instances, `a` and `b`, sharing one folder each (`pair.a.folder`,
 * `pair.b.folder`). `stop()` ends both.
 */
export async function startPair() {
  const root = mkdtempSync(path.join(tmpdir(), 'crosswalk-syncthing-'));
  const nodes = [];
  for (const name of ['a', 'b']) {
    const home = path.join(root, name);
    const folder = path.join(root, `${name}-folder`);
    mkdirSync(folder, { recursive: true });
    execFileSync('syncthing', ['generate', `--home=${home}`, '--no-default-folder', '--skip-port-probing'], {
      stdio: 'ignore',
      timeout: 60_000,
    });
    const id = execFileSync('syncthing', ['serve', `--home=${home}`, '--device-id'], { encoding: 'utf8' }).trim();
    nodes.push({ name, home, folder, id, listen: await freePort(), gui: await freePort(), apikey: `crosswalk-${name}` });
  }
  const [a, b] = nodes;
  writeFileSync(path.join(a.home, 'config.xml'), config({ folder: a.folder, self: a, other: b, listen: a.listen, gui: a.gui, apikey: a.apikey }));
  writeFileSync(path.join(b.home, 'config.xml'), config({ folder: b.folder, self: b, other: a, listen: b.listen, gui: b.gui, apikey: b.apikey }));
  for (const node of nodes) {
    node.process = spawn(
      'syncthing',
      ['serve', `--home=${node.home}`, '--no-browser', '--no-restart', `--logfile=${path.join(root, `${node.name}.log`)}`],
      { stdio: 'ignore', detached: true, env: { ...process.env, STNOUPGRADE: '1', STNODEFAULTFOLDER: '1' } },
    );
  }
  return {
    root,
    a,
    b,
    async stop() {
      for (const node of nodes) {
        if (node.process.exitCode !== null) continue;
        const exited = new Promise((resolve) => node.process.once('exit', resolve));
        try {
          process.kill(-node.process.pid, 'SIGTERM');
        } catch {
          // Already gone.
        }
        const timer = setTimeout(() => {
          try {
            process.kill(-node.process.pid, 'SIGKILL');
          } catch {
            // Already gone.
          }
        }, 5_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

/** Every regular file under `dir`, as paths relative to it, skipping Syncthing's own. */
export function filesUnder(dir) {
  const found = [];
  const walk = (at) => {
    if (!existsSync(at)) return;
    for (const entry of readdirSync(at)) {
      if (entry.startsWith('.st') || entry.startsWith('~syncthing~')) continue;
      const full = path.join(at, entry);
      if (statSync(full).isDirectory()) walk(full);
      else found.push(path.relative(dir, full));
    }
  };
  walk(dir);
  return found.sort();
}

/** Waits until every file of `from` is also in `to` with the same size (Syncthing carried it). */
export async function waitCarried(from, to, timeoutMs = 60_000) {
  const start = Date.now();
  for (;;) {
    const missing = filesUnder(from).filter((f) => {
      const there = path.join(to, f);
      return !existsSync(there) || statSync(there).size !== statSync(path.join(from, f)).size;
    });
    if (missing.length === 0) return;
    if (Date.now() - start > timeoutMs) {
      throw new Error(`Syncthing did not carry ${missing.join(', ')} from ${from} to ${to} within ${timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
