// Evidence files in the real window: in a control's detail, files given by path are refused with
// the reason when they are an executable or over 25 MiB (typed into the panel's path field), and
// a file dropped on the panel (WebDriver cannot drag from the desktop, so the test delivers the
// shell's drag events, paths and position, to the page as Tauri does) is attached with who
// provided it, when and a note; the stale flag says why;
// then the app quits, starts again on the same portfolio, and the file is still in the control's
// panel and in the client's evidence list with the frameworks it serves. Open hands an owner-only
// copy to the system viewer (a stand-in that writes down the path). Export goes through the
// command the button runs once the save dialog has returned a path, and the bytes come back
// unchanged.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { after, before, test } from 'node:test';
import path from 'node:path';
import { ARTIFACTS, CLI, Driver, byTestId, invoke, tempDatabase } from '../driver.mjs';

const KESTREL = '17fc695a-07a0-4a6e-8822-e8f36c031199';
const CONTROL = 'CW-GOV-18';
const NORDLICHT = '972a8469-1641-4f82-8b9d-2434e465e150';
let driver;

// The system viewer, stood in for: an `xdg-open` first on the PATH the app inherits (the opener
// asks xdg-open first) that only writes down what it was asked to open.
const fakeBin = mkdtempSync(path.join(tmpdir(), 'crosswalk-fake-opener-'));
const opened = path.join(fakeBin, 'opened.txt');

before(async () => {
  const script = path.join(fakeBin, 'xdg-open');
  writeFileSync(script, `#!/bin/sh\nprintf '%s\\n' "$1" >> '${opened}'\n`);
  chmodSync(script, 0o755);
  process.env.PATH = `${fakeBin}:${process.env.PATH}`;
  driver = await Driver.start();
});

after(async () => {
  await driver?.stop();
});

function cli(db, ...args) {
  return execFileSync(CLI, ['--db', db, ...args], { encoding: 'utf8' });
}

async function shot(browser, name) {
  await browser.pause(400);
  await browser.saveScreenshot(path.join(ARTIFACTS, `${name}.png`));
}

const row = (id) => `${byTestId('grid-row')}[data-control="${id}"]`;

/** Opens the client's assessment and the detail of CONTROL; gives its evidence panel. */
async function openControl(browser) {
  await browser.execute((id) => {
    location.hash = `#/clients/${id}/assessment`;
  }, KESTREL);
  await (await browser.$(byTestId('assessment-grid'))).waitForDisplayed({ timeout: 10_000 });
  await (await browser.$(byTestId('grid-search'))).setValue(CONTROL);
  await browser.waitUntil(async () => (await browser.$(row(CONTROL))).isExisting(), { timeout: 5_000 });
  await (await browser.$(`${row(CONTROL)} td.more button`)).click();
  const panel = await browser.$(byTestId('evidence-panel'));
  await panel.waitForDisplayed({ timeout: 5_000 });
  return panel;
}

async function givePath(browser, file) {
  await (await browser.$(byTestId('evidence-path'))).setValue(file);
  await (await browser.$(byTestId('evidence-add-path'))).click();
}

/**
 * Delivers a file drag event to the page the way the shell does when files are dragged onto the
 * window: Tauri runs its event function with the payload (`paths`, `position` in physical pixels)
 * for the page's listeners of that event. `at` is a point in CSS pixels.
 */
async function dragEvent(browser, name, paths, at) {
  const delivered = await browser.execute(
    (event, files, x, y) => {
      const listeners = window.__internal_unstable_listeners_object_id__?.[event];
      const ids = listeners ? Object.getOwnPropertyNames(listeners).map(Number) : [];
      const scale = window.devicePixelRatio || 1;
      window.__internal_unstable_listeners_function_id__(
        { event, payload: { paths: files, position: { x: x * scale, y: y * scale } } },
        ids,
      );
      return ids.length;
    },
    `tauri://${name}`,
    paths,
    at.x,
    at.y,
  );
  assert.ok(delivered > 0, `the page listens to tauri://${name}`);
}

/** The middle of an element, in CSS pixels of the page. */
async function middleOf(browser, selector) {
  const text = await browser.execute((sel) => {
    const r = document.querySelector(sel).getBoundingClientRect();
    return JSON.stringify({ x: Math.round(r.left + r.width / 2), y: Math.round(r.top + r.height / 2) });
  }, selector);
  return JSON.parse(text);
}

async function fileRows(browser) {
  const texts = [];
  for (const r of await browser.$$(byTestId('evidence-row'))) texts.push(await r.getText());
  return texts;
}

test('attach an evidence file in the window and find it after a restart', async () => {
  const db = tempDatabase();
  cli(db, 'demo');
  const folder = mkdtempSync(path.join(tmpdir(), 'crosswalk-evidence-e2e-'));
  const policy = path.join(folder, 'Access review 2024.txt');
  const content = 'Quarterly access review, signed off by the CISO.\nAll leavers removed within 24 hours.\n';
  writeFileSync(policy, content);
  const program = path.join(folder, 'setup.exe');
  writeFileSync(program, Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]));
  const big = path.join(folder, 'scan.pdf');
  writeFileSync(big, Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(25 * 1024 * 1024 + 1)]));

  let browser = await driver.open(db);
  try {
    const panel = await openControl(browser);
    assert.match(await panel.getText(), /Evidence/);
    assert.equal((await browser.$$(byTestId('evidence-row'))).length, 0, 'no evidence yet');

    // An executable is refused with its reason; nothing is attached.
    await givePath(browser, program);
    await (await browser.$(byTestId('evidence-attach'))).click();
    const error = await browser.$(byTestId('evidence-error'));
    await error.waitForDisplayed({ timeout: 10_000 });
    assert.match(await error.getText(), /setup\.exe: is an executable program/);
    await shot(browser, 'evidence-refused-executable');

    // Over 25 MiB: refused before it is read, with the limit.
    await (await browser.$(`${byTestId('evidence-pending')} button.link`)).click();
    await givePath(browser, big);
    await (await browser.$(byTestId('evidence-attach'))).click();
    await browser.waitUntil(async () => /at most 25 MiB/.test(await (await browser.$(byTestId('evidence-error'))).getText()), {
      timeout: 10_000,
      timeoutMsg: 'the size limit is not shown',
    });
    assert.equal((await browser.$$(byTestId('evidence-row'))).length, 0, 'nothing attached');

    // The text file, dropped on the panel: a drop elsewhere in the window is not for the panel.
    await (await browser.$(`${byTestId('evidence-pending')} button.link`)).click();
    await browser.waitUntil(async () => !(await (await browser.$(byTestId('evidence-pending'))).isExisting()), { timeout: 5_000 });
    await dragEvent(browser, 'drag-drop', [policy], { x: 5, y: 5 });
    await browser.pause(300);
    assert.equal(await (await browser.$(byTestId('evidence-pending'))).isExisting(), false, 'a drop outside the panel adds nothing');
    const zone = await middleOf(browser, byTestId('evidence-drop'));
    await dragEvent(browser, 'drag-enter', [policy], zone);
    await browser.waitUntil(async () => /over/.test(await (await browser.$(byTestId('evidence-panel'))).getAttribute('class')), {
      timeout: 5_000,
      timeoutMsg: 'the panel does not show that files are over it',
    });
    assert.match(await (await browser.$(byTestId('evidence-drop'))).getText(), /Release to add the files/);
    await shot(browser, 'evidence-drag-over');
    await dragEvent(browser, 'drag-drop', [policy], zone);
    const pending = await browser.$(byTestId('evidence-pending'));
    await pending.waitForDisplayed({ timeout: 5_000 });
    assert.match(await pending.getText(), /Access review 2024\.txt/);
    assert.doesNotMatch(await (await browser.$(byTestId('evidence-panel'))).getAttribute('class'), /\bover\b/);

    // With who provided it, when (long ago: stale) and a note.
    await (await browser.$(byTestId('evidence-provided-by'))).setValue('Dana Whitfield (IT)');
    await browser.execute((sel) => {
      const input = document.querySelector(sel);
      input.value = '2024-06-28';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }, byTestId('evidence-provided-on'));
    await (await browser.$(byTestId('evidence-note'))).setValue('Q2 review, signed');
    await (await browser.$(byTestId('evidence-attach'))).click();
    await browser.waitUntil(async () => (await browser.$$(byTestId('evidence-row'))).length === 1, {
      timeout: 10_000,
      timeoutMsg: 'the attached file is not listed',
    });
    assert.equal(await (await browser.$(byTestId('evidence-error'))).isExisting(), false, 'the error is gone');
    const [listed] = await fileRows(browser);
    assert.match(listed, /Access review 2024\.txt/);
    assert.match(listed, /Text/);
    assert.match(listed, /Dana Whitfield \(IT\)/);
    assert.match(listed, /2024-06-28/);
    assert.match(listed, /Q2 review, signed/);
    const stale = await browser.$(byTestId('evidence-stale'));
    assert.ok(await stale.isDisplayed(), 'provided more than 12 months before the assessment: stale');
    assert.match(listed, /Provided on 2024-06-28, more than 12 months before the assessment of \d{4}-\d{2}-\d{2}\./);
    await (await browser.$(byTestId('evidence-panel'))).scrollIntoView();
    await shot(browser, 'evidence-panel');

    // The German labels follow the content language.
    await (await browser.$(byTestId('lang-de'))).click();
    await browser.waitUntil(async () => /Nachweise/.test(await (await browser.$(byTestId('evidence-panel'))).getText()), {
      timeout: 5_000,
    });
    assert.match(await (await browser.$(byTestId('evidence-panel'))).getText(), /Geliefert von/);
    await shot(browser, 'evidence-panel-de');
    await (await browser.$(byTestId('lang-en'))).click();
  } finally {
    await driver.close(browser);
  }

  // What the window stored, read by the command-line tool.
  const stored = JSON.parse(cli(db, '--json', 'evidence', 'list', KESTREL, '--control', CONTROL));
  assert.equal(stored.links.length, 1);
  assert.equal(stored.links[0].provided_by, 'Dana Whitfield (IT)');
  const sha = stored.links[0].sha256;

  // A new process on the same portfolio.
  browser = await driver.open(db);
  try {
    await openControl(browser);
    await browser.waitUntil(async () => (await browser.$$(byTestId('evidence-row'))).length === 1, {
      timeout: 10_000,
      timeoutMsg: 'the file is not in the control panel after the restart',
    });
    const [again] = await fileRows(browser);
    assert.match(again, /Access review 2024\.txt/);
    assert.match(again, /Dana Whitfield \(IT\)/);

    // Open: a copy, owner-only, named by its kind, handed to the system viewer.
    await (await browser.$(byTestId('evidence-open'))).click();
    await browser.waitUntil(async () => existsSync(opened), { timeout: 10_000, timeoutMsg: 'nothing was handed to the viewer' });
    const copy = readFileSync(opened, 'utf8').trim();
    assert.equal(path.basename(copy), 'Access review 2024.txt');
    assert.ok(!copy.startsWith(folder), 'a copy, not the original');
    assert.equal(readFileSync(copy, 'utf8'), content);
    assert.equal(statSync(copy).mode & 0o777, 0o600);
    assert.equal(statSync(path.dirname(copy)).mode & 0o777, 0o700);

    // Export: the command the button runs once the save dialog has returned a path.
    const out = path.join(folder, 'exported.txt');
    const exported = await invoke(browser, 'export_evidence', { request: { id: KESTREL, sha256: sha, path: out } });
    assert.equal(exported.ok, true, JSON.stringify(exported.error));
    assert.equal(readFileSync(out, 'utf8'), content);

    // The client's list: the file, the control it is attached to and the frameworks it serves.
    await browser.execute((id) => {
      location.hash = `#/clients/${id}`;
    }, KESTREL);
    const list = await browser.$(byTestId('client-evidence'));
    await list.waitForDisplayed({ timeout: 10_000 });
    await browser.waitUntil(async () => (await browser.$$(byTestId('client-evidence-row'))).length === 1, {
      timeout: 10_000,
      timeoutMsg: 'the file is not in the client evidence list after the restart',
    });
    const entry = await (await browser.$(byTestId('client-evidence-row'))).getText();
    assert.match(entry, /Access review 2024\.txt/);
    assert.match(entry, new RegExp(CONTROL));
    const info = JSON.parse(cli(db, '--json', 'evidence', 'show', KESTREL, sha.slice(0, 12)));
    assert.ok(info.frameworks.length > 0, 'the control serves frameworks');
    const names = {
      iso27001: 'ISO/IEC 27001', soc2: 'SOC 2', iso42001: 'ISO/IEC 42001', eu_ai_act: 'EU AI Act', gdpr: 'GDPR', nis2: 'NIS2', nist_ai_rmf: 'NIST AI RMF',
    };
    for (const f of info.frameworks) assert.ok(entry.includes(names[f] ?? f), `${f} in ${entry}`);
    await list.scrollIntoView();
    await shot(browser, 'client-evidence');

    // The demo client with evidence of its own: several files, one of them stale.
    await browser.execute((id) => {
      location.hash = `#/clients/${id}`;
    }, NORDLICHT);
    await browser.waitUntil(async () => (await browser.$$(byTestId('client-evidence-row'))).length >= 3, {
      timeout: 10_000,
      timeoutMsg: 'the demo evidence is not listed',
    });
    await (await browser.$(byTestId('client-evidence'))).scrollIntoView();
    await shot(browser, 'client-evidence-demo');

    // The stale-after age in Settings: out of range is refused with the range; 36 months, and
    // evidence from 2024-06-28 is no longer stale for an assessment of late 2026.
    await (await browser.$(byTestId('nav-settings'))).click();
    const age = await browser.$(byTestId('evidence-max-age'));
    await age.waitForDisplayed({ timeout: 10_000 });
    await browser.waitUntil(async () => (await age.getValue()) === '12', { timeout: 5_000, timeoutMsg: 'the setting is not shown' });
    await age.setValue('0');
    await (await browser.$(byTestId('save-evidence-max-age'))).click();
    const ageError = await browser.$(byTestId('evidence-max-age-error'));
    await ageError.waitForDisplayed({ timeout: 5_000 });
    assert.match(await ageError.getText(), /give 1 to 120 months/);
    await age.setValue('36');
    await (await browser.$(byTestId('save-evidence-max-age'))).click();
    await browser.waitUntil(async () => !(await ageError.isExisting()), { timeout: 5_000 });
    assert.match(cli(db, 'evidence', 'max-age'), /36 months/);
    await openControl(browser);
    await browser.waitUntil(async () => (await browser.$$(byTestId('evidence-row'))).length === 1, { timeout: 10_000 });
    assert.equal(await (await browser.$(byTestId('evidence-stale'))).isExisting(), false, 'not stale at 36 months');

    // Removing asks first, then the file is gone from the control.
    await browser.waitUntil(async () => (await browser.$$(byTestId('evidence-row'))).length === 1, { timeout: 10_000 });
    await (await browser.$(byTestId('evidence-remove'))).click();
    const confirm = await browser.$(byTestId('evidence-remove-confirm'));
    await confirm.waitForDisplayed({ timeout: 5_000 });
    assert.equal((await browser.$$(byTestId('evidence-row'))).length, 1, 'nothing removed before the confirmation');
    await confirm.click();
    await browser.waitUntil(async () => (await browser.$$(byTestId('evidence-row'))).length === 0, {
      timeout: 10_000,
      timeoutMsg: 'the removed file is still listed',
    });
    assert.equal(JSON.parse(cli(db, '--json', 'evidence', 'list', KESTREL)).links.length, 0);
  } finally {
    await driver.close(browser);
  }
});
