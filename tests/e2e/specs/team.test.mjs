// Two consultants, two portfolios, two windows, one client: a team folder that two real Syncthing
// instances carry between them (on loopback, no discovery, no relays). Consultant A starts the
// team and shares a client; B joins and gets it; both change the same control while apart; the
// later edit wins on both sides, the other value is listed as a conflict, and A keeps hers,
// which reaches B at the next sync.
//
// Syncthing is installed by the test command (scripts/setup.sh --test). Where it cannot run the
// test says so loudly and skips; in CI (CI=true) that is a failure instead.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import path from 'node:path';
import { ARTIFACTS, CLI, Driver, byTestId, invoke, tempDatabase } from '../driver.mjs';
import { startPair, syncthingAvailable, waitCarried } from '../syncthing.mjs';

const PASSPHRASE = 'four consultants, one folder';
const CONTROL = 'CW-ACC-01';
/** Each window syncs on its own this long after it starts (`FIRST_SYNC_AFTER` in
 * src-tauri/src/commands/team.rs), then every five minutes. */
const FIRST_AUTOSYNC_MS = 5_000;

let drivers = [];
let pair;

before(async () => {
  const available = syncthingAvailable();
  if (!available.ok) return;
  pair = await startPair();
  drivers = [await Driver.start(), await Driver.start()];
});

after(async () => {
  for (const driver of drivers) await driver.stop();
  await pair?.stop();
});

const row = (id) => `${byTestId('grid-row')}[data-control="${id}"]`;

async function go(browser, hash) {
  await browser.execute((h) => (window.location.hash = h), hash);
}

async function shot(browser, name) {
  await browser.pause(300);
  await browser.saveScreenshot(path.join(ARTIFACTS, `${name}.png`));
}

/** Sets the control's status in the grid of the client's current assessment, as a person does. */
async function setStatus(browser, client, status) {
  await go(browser, `#/clients/${client}/assessment`);
  const search = await browser.$(byTestId('grid-search'));
  await search.waitForDisplayed({ timeout: 15_000 });
  await search.setValue(CONTROL);
  await browser.waitUntil(async () => (await browser.$(row(CONTROL))).isExisting(), { timeout: 10_000 });
  await (await browser.$(`${row(CONTROL)} select`)).selectByAttribute('value', status);
  await browser.waitUntil(async () => (await status_of(browser, client)) === status, { timeout: 10_000 });
}

/** What the portfolio in this window records for the control now. */
async function status_of(browser, client) {
  const view = await invoke(browser, 'assessment_view', { request: { id: client, today: '2026-12-03' } });
  assert.ok(view.ok, JSON.stringify(view.error));
  const found = view.value.rows.find((r) => r.control_id === CONTROL);
  return found?.entry?.status ?? found?.status ?? null;
}

/** Clicks the sidebar's Sync and waits until the last-sync line moves. */
async function syncInWindow(browser) {
  const sync = await browser.$(byTestId('team-indicator-sync'));
  await sync.waitForClickable({ timeout: 15_000 });
  const before = await invoke(browser, 'team_status', {});
  await sync.click();
  await browser.waitUntil(
    async () => {
      const now = await invoke(browser, 'team_status', {});
      return now.ok && now.value && now.value.last_sync_at !== before.value?.last_sync_at;
    },
    { timeout: 30_000, timeoutMsg: 'the sync did not finish' },
  );
  const problem = await browser.$(byTestId('team-indicator-problem'));
  assert.equal(await problem.isExisting(), false, 'the sync reported a problem');
}

test('two consultants work on one shared client through a Syncthing folder', async (t) => {
  const available = syncthingAvailable();
  if (!available.ok) {
    const message = `\n#\n# TEAM SYNC END-TO-END TEST NOT RUN: ${available.reason}\n#\n`;
    console.log(message);
    if (process.env.CI) assert.fail(`Syncthing must run in CI: ${available.reason}`);
    t.skip(available.reason);
    return;
  }

  // Consultant A's portfolio: the demo clients. B starts empty.
  const dbA = tempDatabase();
  const dbB = tempDatabase();
  execFileSync(CLI, ['--db', dbA, 'demo']);
  const clients = JSON.parse(execFileSync(CLI, ['--db', dbA, '--json', 'client', 'list'], { encoding: 'utf8' }));
  const shared = clients.find((c) => c.name.startsWith('Nordlicht')) ?? clients[0];
  assert.ok(shared, 'the demo has clients');

  const a = await drivers[0].open(dbA);
  const b = await drivers[1].open(dbB);
  const opened = Date.now();
  try {
    // A starts the team in her copy of the folder and shares one client.
    await go(a, '#/settings');
    await (await a.$(byTestId('team-folder-input'))).setValue(pair.a.folder);
    await (await a.$(byTestId('team-passphrase'))).setValue(PASSPHRASE);
    await (await a.$(byTestId('team-passphrase-repeat'))).setValue(PASSPHRASE);
    await (await a.$(byTestId('team-start'))).click();
    await (await a.$(byTestId('team-status'))).waitForDisplayed({ timeout: 30_000 });
    await go(a, `#/clients/${shared.id}`);
    await (await a.$(byTestId('share-client'))).click();
    await (await a.$(byTestId('client-shared-badge'))).waitForDisplayed({ timeout: 10_000 });
    await syncInWindow(a);
    await waitCarried(pair.a.folder, pair.b.folder);

    // B joins with the same passphrase from her copy of the folder and gets the client.
    await go(b, '#/settings');
    await (await b.$(byTestId('team-folder-input'))).setValue(pair.b.folder);
    await (await b.$(byTestId('team-passphrase'))).setValue(PASSPHRASE);
    await (await b.$(byTestId('team-join'))).click();
    await (await b.$(byTestId('team-status'))).waitForDisplayed({ timeout: 60_000 });
    await go(b, '#/');
    await b.waitUntil(async () => (await b.$$(byTestId('client-row'))).length === 1, {
      timeout: 15_000,
      timeoutMsg: 'the shared client did not reach B',
    });
    assert.match(await (await b.$(byTestId('client-row'))).getText(), new RegExp(shared.name.split(' ')[0]));
    await shot(b, 'team-b-joined');

    // The edits below must not race a window's own first sync: one that lands between A's sync
    // and B's edit hands B A's value first, and then there is no conflict to see. Both windows
    // are past it (with room for the sync itself) before anyone edits.
    const settled = opened + FIRST_AUTOSYNC_MS + 3_000 - Date.now();
    if (settled > 0) await new Promise((resolve) => setTimeout(resolve, settled));

    // Apart, both change the same control to values it does not hold yet. A changes it and
    // syncs; B, who has not synced since, changes it after that and syncs: B's edit is both made
    // and sent later, so its stamp is the higher and B's value wins on both sides, whatever the
    // rule's notion of "later" (the stamp is taken when a change goes out).
    const initial = await status_of(a, shared.id);
    assert.ok(!['not_implemented', 'partially_implemented'].includes(initial), `${CONTROL} starts as ${initial}`);
    await setStatus(a, shared.id, 'not_implemented');
    await syncInWindow(a);
    await waitCarried(pair.a.folder, pair.b.folder);
    assert.equal(await status_of(b, shared.id), initial, "B has not synced: A's edit is not there yet");
    await setStatus(b, shared.id, 'partially_implemented');
    await syncInWindow(b);
    assert.equal(await status_of(b, shared.id), 'partially_implemented', "B's later edit stays on B");
    await waitCarried(pair.b.folder, pair.a.folder);
    await syncInWindow(a);
    assert.equal(await status_of(a, shared.id), 'partially_implemented', 'the later edit wins on A too');

    // A sees her value listed as a conflict and keeps it.
    const flag = await a.$(byTestId('team-indicator-conflicts'));
    await flag.waitForDisplayed({ timeout: 10_000 });
    await go(a, '#/settings');
    const conflict = await a.$(byTestId('team-conflict'));
    await conflict.waitForDisplayed({ timeout: 10_000 });
    const text = await conflict.getText();
    assert.match(text, new RegExp(CONTROL));
    assert.match(await (await a.$(byTestId('conflict-mine'))).getText(), /^Not implemented/);
    assert.match(await (await a.$(byTestId('conflict-theirs'))).getText(), /Partially implemented/);
    await conflict.scrollIntoView();
    await shot(a, 'team-a-conflict');
    await (await a.$(byTestId('keep-mine'))).click();
    await (await a.$(byTestId('team-no-conflicts'))).waitForDisplayed({ timeout: 10_000 });
    assert.equal(await status_of(a, shared.id), 'not_implemented');

    // Kept is a new edit: it reaches B at the next syncs.
    await syncInWindow(a);
    await waitCarried(pair.a.folder, pair.b.folder);
    await syncInWindow(b);
    assert.equal(await status_of(b, shared.id), 'not_implemented', 'the kept value reached B');
    // A's choice closed B's entry of the same conflict: B has nothing left to decide.
    await go(b, '#/settings');
    await (await b.$(byTestId('team-no-conflicts'))).waitForDisplayed({ timeout: 10_000 });
    const { value: closed } = await invoke(b, 'team_conflicts', { request: { all: true } });
    assert.ok(
      closed.length > 0 && closed.every((c) => c.resolved_at && c.resolved_by),
      `B's entries were closed by A's choice: ${JSON.stringify(closed)}`,
    );

    await go(a, `#/clients/${shared.id}/assessment`);
    await go(b, `#/clients/${shared.id}/assessment`);
    await shot(a, 'team-a-final');
    await shot(b, 'team-b-final');
  } catch (error) {
    // What each window showed when it went wrong, for the log and the artifacts.
    for (const [name, browser] of [['A', a], ['B', b]]) {
      for (const command of ['team_status', 'team_conflicts']) {
        const answer = await invoke(browser, command, command === 'team_conflicts' ? { request: { all: true } } : {}).catch((e) => e);
        console.log(`# ${name} ${command}: ${JSON.stringify(answer)}`);
      }
      for (const id of ['team-error', 'team-problem', 'team-indicator-problem']) {
        const shown = await browser.$(byTestId(id));
        if (await shown.isExisting().catch(() => false)) console.log(`# ${name} ${id}: ${await shown.getText()}`);
      }
    }
    await shot(a, 'team-failure-a').catch(() => {});
    await shot(b, 'team-failure-b').catch(() => {});
    throw error;
  } finally {
    await drivers[0].close(a);
    await drivers[1].close(b);
  }
});
