// Evidence requests in the real window: on the demo portfolio, a client with an assessment gets
// its requests generated from the gap list, listed by owner as the CLI lists them; a status is
// changed in a row's editor and the store has it; the spreadsheet is exported through the
// command the Export button runs once the save dialog has returned a path (WebDriver cannot drive
// the native dialog) and the file is there; that file imported back unchanged previews as no
// change; a damaged file is refused with its row errors shown and nothing written; a returned
// file with one status changed previews that change and, confirmed, lands (not when the file
// changed after its preview).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import path from 'node:path';
import { ARTIFACTS, CLI, Driver, byTestId, invoke, tempDatabase } from '../driver.mjs';

const KESTREL = '17fc695a-07a0-4a6e-8822-e8f36c031199';
let driver;

// The window works on the machine's local date; the CLI is given the same one.
const now = new Date();
const TODAY = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;

before(async () => {
  driver = await Driver.start();
});

after(async () => {
  await driver?.stop();
});

function cli(db, ...args) {
  return execFileSync(CLI, ['--db', db, ...args], { encoding: 'utf8' });
}

const listed = (db) => JSON.parse(cli(db, '--json', 'requests', 'list', KESTREL, '--today', TODAY)).requests;

async function shot(browser, name) {
  await browser.pause(400);
  await browser.saveScreenshot(path.join(ARTIFACTS, `${name}.png`));
}

async function texts(browser, testId) {
  const out = [];
  for (const el of await browser.$$(byTestId(testId))) out.push(await el.getText());
  return out;
}

/** Opens the import dialog, previews `file`; gives the dialog. */
async function preview(browser, file) {
  const dialog = await browser.$(byTestId('requests-import'));
  if (!(await dialog.isDisplayed())) {
    await (await browser.$(byTestId('requests-import-open'))).click();
    await dialog.waitForDisplayed({ timeout: 5_000 });
  }
  await (await browser.$(byTestId('requests-import-path'))).setValue(file);
  await (await browser.$(byTestId('requests-import-preview'))).click();
  return dialog;
}

test('generate requests, list them by owner, change a status, export, import back', async () => {
  const db = tempDatabase();
  const folder = path.dirname(db);
  cli(db, 'demo');
  assert.deepEqual(listed(db), [], 'the demo has no requests');

  const browser = await driver.open(db);
  try {
    // From the client's page to its requests.
    await browser.execute((id) => {
      location.hash = `#/clients/${id}`;
    }, KESTREL);
    await (await browser.$(byTestId('open-requests'))).waitForDisplayed({ timeout: 10_000 });
    await (await browser.$(byTestId('open-requests'))).click();
    await (await browser.$(byTestId('requests-empty'))).waitForDisplayed({ timeout: 10_000 });

    // Generate from the gap list, with a due date of our own.
    await browser.execute(() => {
      const input = document.querySelector('[data-testid="requests-due"]');
      input.value = '2027-03-31';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await (await browser.$(byTestId('requests-generate-run'))).click();
    await browser.waitUntil(async () => (await browser.$$(byTestId('request-row'))).length > 0, { timeout: 10_000 });
    const stored = listed(db);
    assert.ok(stored.length > 0, 'the gaps got requests');
    assert.match(await (await browser.$(byTestId('notice'))).getText(), new RegExp(`${stored.length} requests? added`));
    assert.equal((await browser.$$(byTestId('request-row'))).length, stored.length);
    assert.ok(stored.some((r) => r.due === '2027-03-31'), 'controls without a due date take the one given');

    // One group per owner, named owners alphabetically, unassigned last.
    const owners = [...new Set(stored.map((r) => r.owner))];
    const named = owners.filter((o) => o !== '').sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }));
    const expected = owners.includes('') ? [...named, 'Unassigned'] : named;
    assert.deepEqual(await texts(browser, 'requests-owner-name'), expected);
    for (const group of await browser.$$(byTestId('requests-owner'))) {
      const name = await (await group.$(byTestId('requests-owner-name'))).getText();
      const owner = name === 'Unassigned' ? '' : name;
      const rows = await group.$$(byTestId('request-row'));
      assert.equal(rows.length, stored.filter((r) => r.owner === owner).length, `rows of ${name}`);
    }
    // A row shows the requirements its control serves, per framework.
    const first = stored.find((r) => r.requirements.length > 0);
    const firstRow = await browser.$(`${byTestId('request-row')}[data-request="${first.id}"]`);
    const rowText = await firstRow.getText();
    assert.ok(rowText.includes(first.control_id), rowText);
    assert.ok(rowText.includes(`${first.requirements[0].framework}: ${first.requirements[0].requirement_ids[0]}`), rowText);
    await shot(browser, 'requests-list');

    // Generating again adds nothing.
    await (await browser.$(byTestId('requests-generate-run'))).click();
    await browser.waitUntil(
      async () => /0 requests added/.test(await (await browser.$(byTestId('notice'))).getText()),
      { timeout: 10_000 },
    );
    assert.equal(listed(db).length, stored.length);

    // Change a status and a note in the row's editor.
    await (await firstRow.$(byTestId('request-edit'))).click();
    const editor = await browser.$(byTestId('request-editor'));
    await editor.waitForDisplayed({ timeout: 5_000 });
    await (await browser.$(byTestId('request-edit-status'))).selectByAttribute('value', 'provided');
    await (await browser.$(byTestId('request-edit-note'))).setValue('Sent by mail on Monday');
    await (await browser.$(byTestId('request-edit-save'))).click();
    await editor.waitForDisplayed({ reverse: true, timeout: 5_000 });
    await browser.waitUntil(
      async () => (await (await firstRow.$(byTestId('request-status'))).getText()) === 'Provided',
      { timeout: 5_000 },
    );
    const changed = listed(db).find((r) => r.id === first.id);
    assert.equal(changed.status, 'provided');
    assert.equal(changed.response_note, 'Sent by mail on Monday');
    await shot(browser, 'requests-edited');

    // The control's Evidence panel in the assessment shows its request in progress.
    await browser.execute((id) => {
      location.hash = `#/clients/${id}/assessment`;
    }, KESTREL);
    await (await browser.$(byTestId('assessment-grid'))).waitForDisplayed({ timeout: 10_000 });
    await (await browser.$(byTestId('grid-search'))).setValue(first.control_id);
    const gridRow = `${byTestId('grid-row')}[data-control="${first.control_id}"]`;
    await browser.waitUntil(async () => (await browser.$(gridRow)).isExisting(), { timeout: 5_000 });
    await (await browser.$(`${gridRow} td.more button`)).click();
    const hint = await browser.$(byTestId('evidence-request'));
    await hint.waitForDisplayed({ timeout: 5_000 });
    assert.match(await hint.getText(), new RegExp(`^Evidence request #${first.id} \\(provided, to be checked\\), from ${(first.owner || 'no one yet').replace(/[()]/g, '\\$&')}\\. Due ${first.due}\\.`));
    await shot(browser, 'requests-evidence-panel');
    await browser.execute((id) => {
      location.hash = `#/clients/${id}/requests`;
    }, KESTREL);
    await browser.waitUntil(async () => (await browser.$$(byTestId('request-row'))).length === stored.length, {
      timeout: 10_000,
    });

    // Export, as the button does once the save dialog has returned a path.
    const xlsx = path.join(folder, 'kestrel-requests.xlsx');
    const exported = await invoke(browser, 'export_requests', {
      request: { id: KESTREL, path: xlsx, format: 'xlsx', lang: 'en', today: TODAY },
    });
    assert.ok(exported.ok, JSON.stringify(exported));
    assert.equal(exported.value.requests, stored.length);
    assert.ok(existsSync(xlsx) && statSync(xlsx).size === exported.value.bytes, 'the workbook is written whole');
    assert.equal(readFileSync(xlsx).subarray(0, 2).toString(), 'PK', 'an XLSX (zip) file');
    const wrongName = await invoke(browser, 'export_requests', {
      request: { id: KESTREL, path: path.join(folder, 'r.csv'), format: 'xlsx', lang: 'en', today: TODAY },
    });
    assert.equal(wrongName.ok, false);
    assert.equal(wrongName.error.code, 'invalid');

    // The exported file back, unchanged: nothing would change, nothing to apply.
    const dialog = await preview(browser, xlsx);
    const summary = await browser.$(byTestId('requests-import-summary'));
    await summary.waitForDisplayed({ timeout: 10_000 });
    assert.match(await summary.getText(), new RegExp(`No request would change; ${stored.length} rows? as recorded`));
    assert.equal(await (await browser.$(byTestId('requests-import-apply'))).isEnabled(), false);

    // A damaged file (CSV from the CLI, one status unknown, one request number that does not
    // exist): refused with its rows named, nothing written.
    const csv = path.join(folder, 'kestrel-requests.csv');
    cli(db, 'requests', 'export', KESTREL, '--out', csv, '--today', TODAY);
    const lines = readFileSync(csv, 'utf8').split(/\r?\n/);
    const header = lines[0].split(',');
    assert.deepEqual(header.slice(0, 2), ['request_id', 'control_id'], lines[0]);
    // Rows 3 and 4 of the file are its lines 3 and 4 (cells further down may hold line breaks, so
    // later lines are not rows); row 2 is the request changed above.
    const openRow = 3;
    assert.ok(lines[2].includes(',open,') && lines[openRow].includes(',open,'), lines.slice(0, 4).join('\n'));
    const damaged = [...lines];
    damaged[openRow] = damaged[openRow].replace(',open,', ',done,');
    damaged[2] = damaged[2].replace(/^\d+,/, '99999,');
    const bad = path.join(folder, 'damaged.csv');
    writeFileSync(bad, damaged.join('\r\n'));
    const before = listed(db);
    await preview(browser, bad);
    await (await browser.$(byTestId('requests-import-errors'))).waitForDisplayed({ timeout: 10_000 });
    const errors = await texts(browser, 'requests-import-error');
    assert.ok(errors.some((e) => /row 3/.test(e) && /no request 99999/.test(e)), errors.join('\n'));
    assert.ok(errors.some((e) => new RegExp(`row ${openRow + 1}`).test(e) && /unknown status `done`/.test(e)), errors.join('\n'));
    assert.equal(await (await browser.$(byTestId('requests-import-apply'))).isEnabled(), false);
    await shot(browser, 'requests-import-refused');
    assert.deepEqual(listed(db), before, 'nothing written');

    // The returned file with one request accepted: previewed, then applied.
    const returned = [...lines];
    returned[openRow] = returned[openRow].replace(',open,', ',accepted,');
    const good = path.join(folder, 'returned.csv');
    writeFileSync(good, returned.join('\r\n'));
    const acceptedId = Number(lines[openRow].split(',')[0]);
    await preview(browser, good);
    await summary.waitForDisplayed({ timeout: 10_000 });
    assert.match(await summary.getText(), /1 request would change/);
    const changes = await texts(browser, 'requests-import-change');
    assert.equal(changes.length, 1, changes.join('\n'));
    const control = before.find((r) => r.id === acceptedId).control_id;
    assert.match(changes[0], new RegExp(`^#${acceptedId}\\s*${control}\\s*Status\\s*open\\s*accepted$`));
    await shot(browser, 'requests-import-preview');
    const apply = await browser.$(byTestId('requests-import-apply'));
    await browser.waitUntil(() => apply.isEnabled(), { timeout: 5_000 });
    // The file changes after the preview: applying is refused, nothing written.
    writeFileSync(good, `${returned.join('\r\n')}\r\n`);
    await apply.click();
    const banner = await dialog.$(byTestId('error-banner'));
    await banner.waitForDisplayed({ timeout: 5_000 });
    assert.match(await banner.getText(), /changed since it was previewed: preview it again/);
    assert.equal(listed(db).find((r) => r.id === acceptedId).status, 'open');
    // Previewed again, then applied.
    await preview(browser, good);
    await summary.waitForDisplayed({ timeout: 10_000 });
    await browser.waitUntil(() => apply.isEnabled(), { timeout: 5_000 });
    await apply.click();
    await dialog.waitForDisplayed({ reverse: true, timeout: 10_000 });
    assert.equal(listed(db).find((r) => r.id === acceptedId).status, 'accepted');
    await browser.waitUntil(
      async () =>
        (await (await browser.$(`${byTestId('request-row')}[data-request="${acceptedId}"] ${byTestId('request-status')}`)).getText()) ===
        'Accepted',
      { timeout: 5_000 },
    );

    // Remove one request after the confirmation.
    const removeRow = await browser.$(`${byTestId('request-row')}[data-request="${acceptedId}"]`);
    await (await removeRow.$(byTestId('request-remove'))).click();
    await (await removeRow.$(byTestId('request-remove-confirm'))).click();
    await browser.waitUntil(async () => !(await removeRow.isExisting()), { timeout: 5_000 });
    assert.equal(listed(db).length, stored.length - 1);
  } catch (failure) {
    await browser.saveScreenshot(path.join(ARTIFACTS, 'requests-failure.png')).catch(() => {});
    throw failure;
  } finally {
    await driver.close(browser);
  }
});
