// Importing an assessment spreadsheet in the real window: a file with a row cut short is refused
// and its problems are listed with their row numbers (nothing written); a valid file that clears
// a recorded value shows that loss in the preview, needs the explicit confirmation, then lands.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import path from 'node:path';
import { ARTIFACTS, CLI, Driver, byTestId, tempDatabase } from '../driver.mjs';

const KESTREL = '17fc695a-07a0-4a6e-8822-e8f36c031199';
const TODAY = '2026-11-29';
let driver;

before(async () => {
  driver = await Driver.start();
});

after(async () => {
  await driver?.stop();
});

function cli(db, ...args) {
  return execFileSync(CLI, ['--db', db, ...args], { encoding: 'utf8' });
}

function control(db, id) {
  const view = JSON.parse(cli(db, '--json', 'assess', 'show', KESTREL, '--today', TODAY));
  return view.rows.find((r) => r.control_id === id);
}

test('import a spreadsheet: refused with its rows listed, then previewed, confirmed and applied', async () => {
  const db = tempDatabase();
  const folder = path.dirname(db);
  cli(db, 'demo');
  cli(db, 'assess', 'set', KESTREL, 'CW-GOV-18', 'implemented', '--owner', 'Helen Shaw', '--note', '=1+1', '--today', TODAY);
  const exported = path.join(folder, 'kestrel.csv');
  cli(db, 'assess', 'export', KESTREL, '--out', exported, '--today', TODAY);
  const lines = readFileSync(exported, 'utf8').split('\r\n');
  const header = lines[0];
  const govRow = lines.findIndex((l) => l.startsWith('CW-GOV-18,'));
  assert.ok(govRow > 0 && lines[govRow].includes(",'=1+1,"), lines[govRow]);

  // A row cut short (row 3) and another (row 5): refused.
  const cut = path.join(folder, 'cut.csv');
  writeFileSync(cut, [header, lines[1], 'CW-AIG-01,x', lines[3], 'CW-GOV-18', ''].join('\r\n'));
  // The owner of CW-GOV-18 cleared, its notes left as they are: one loss.
  const edited = path.join(folder, 'edited.csv');
  const cells = lines[govRow].split(',');
  const owner = header.split(',').indexOf('owner');
  assert.equal(cells[owner], 'Helen Shaw');
  cells[owner] = '';
  writeFileSync(edited, [header, cells.join(','), ''].join('\r\n'));

  const browser = await driver.open(db);
  try {
    await browser.execute((id) => {
      location.hash = `#/clients/${id}/assessment`;
    }, KESTREL);
    await (await browser.$(byTestId('assessment-grid'))).waitForDisplayed({ timeout: 10_000 });

    await (await browser.$(byTestId('import-sheet'))).click();
    const dialog = await browser.$(byTestId('sheet-import'));
    await dialog.waitForDisplayed({ timeout: 5_000 });
    await (await browser.$(byTestId('sheet-path'))).setValue(cut);
    await (await browser.$(byTestId('sheet-preview'))).click();
    const errors = await browser.$(byTestId('sheet-errors'));
    await errors.waitForDisplayed({ timeout: 10_000 });
    const listed = [];
    for (const item of await browser.$$(byTestId('sheet-error'))) listed.push(await item.getText());
    assert.deepEqual(listed, ['row 3: 2 cells, the header has 11', 'row 5: 1 cell, the header has 11']);
    assert.equal(await (await browser.$(byTestId('sheet-apply'))).isEnabled(), false, 'nothing to apply');
    await browser.saveScreenshot(path.join(ARTIFACTS, 'sheet-import-refused.png'));
    assert.equal(control(db, 'CW-GOV-18').owner, 'Helen Shaw', 'nothing written');

    // The valid file: the preview shows the loss; applying needs the confirmation.
    await (await browser.$(byTestId('sheet-path'))).setValue(edited);
    await (await browser.$(byTestId('sheet-preview'))).click();
    const summary = await browser.$(byTestId('sheet-summary'));
    await summary.waitForDisplayed({ timeout: 10_000 });
    assert.match(await summary.getText(), /1 control would change.*1 recorded value would be cleared/s);
    const loss = await browser.$(byTestId('sheet-loss'));
    assert.match(await loss.getText(), /CW-GOV-18\s*owner\s*Helen Shaw\s*—\s*cleared/);
    assert.equal((await browser.$$(byTestId('sheet-change'))).length, 0, 'the notes are unchanged');
    const apply = await browser.$(byTestId('sheet-apply'));
    assert.equal(await apply.isEnabled(), false, 'a loss needs the confirmation');
    await browser.saveScreenshot(path.join(ARTIFACTS, 'sheet-import-loss.png'));
    await (await browser.$(byTestId('sheet-accept-losses'))).click();
    await browser.waitUntil(() => apply.isEnabled(), { timeout: 5_000 });
    await apply.click();
    await dialog.waitForDisplayed({ reverse: true, timeout: 10_000 });
    await browser.waitUntil(
      async () => /Imported 1 row: 1 control recorded/.test(await (await browser.$(byTestId('notice'))).getText()),
      { timeout: 5_000 },
    );
    const after = control(db, 'CW-GOV-18');
    assert.equal(after.owner, '');
    assert.equal(after.notes, '=1+1', 'the neutralised note came back as recorded');
    assert.equal(after.status, 'implemented');
  } finally {
    await driver.close(browser);
  }
});
