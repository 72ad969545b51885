// The assessment grid and the analysis in the real window: set statuses by mouse, by keyboard
// and in bulk, refuse "not applicable" without a reason, and see readiness move.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import path from 'node:path';
import { ARTIFACTS, Driver, byTestId, tempDatabase } from '../driver.mjs';

let driver;

before(async () => {
  driver = await Driver.start();
});

after(async () => {
  await driver?.stop();
});

const row = (id) => `${byTestId('grid-row')}[data-control="${id}"]`;

test('assess controls and see the analysis', async () => {
  const browser = await driver.open(tempDatabase());
  try {
    // A client with SOC 2 in scope: a US service whose customers ask for it.
    await (await browser.$(byTestId('new-client'))).click();
    await (await browser.$(byTestId('field-name'))).setValue('Gridline Inc.');
    await (await browser.$(byTestId('field-employees'))).setValue('40');
    await (await browser.$(byTestId('field-headquarters'))).selectByAttribute('value', 'US');
    await (await browser.$(byTestId('market-us'))).click();
    await (await browser.$(byTestId('offering-service_processing_customer_data'))).click();
    await (await browser.$(byTestId('add-pressure'))).click();
    await (await browser.$(byTestId('save-client'))).click();
    await (await browser.$(byTestId('open-assessment'))).click();

    const grid = await browser.$(byTestId('assessment-grid'));
    await grid.waitForDisplayed({ timeout: 10_000 });
    // Only the rows in view are in the page; the grid says how many controls are in scope.
    const shown = Number(/(\d+) shown/.exec(await (await browser.$(byTestId('grid-shown'))).getText())?.[1]);
    assert.ok(shown >= 50, `expected the SOC 2 controls in scope, got ${shown}`);
    const rendered = (await browser.$$(byTestId('grid-row'))).length;
    assert.ok(rendered > 10 && rendered < shown, `${rendered} of ${shown} rows in the page`);

    // Far-down rows come into the page as the grid scrolls.
    await browser.execute(() => {
      const main = document.querySelector('main');
      main.scrollTop = main.scrollHeight;
    });
    const last = await browser.$(`${byTestId('grid-row')}[data-row-index="${shown - 1}"]`);
    await last.waitForExist({ timeout: 5_000 });
    await browser.execute(() => (document.querySelector('main').scrollTop = 0));

    // The access controls, found with the search as a consultant would.
    await (await browser.$(byTestId('grid-search'))).setValue('CW-ACC');
    await browser.waitUntil(async () => (await browser.$(row('CW-ACC-01'))).isExisting(), { timeout: 5_000 });

    // By mouse: one status.
    await (await browser.$(`${row('CW-ACC-01')} select`)).selectByAttribute('value', 'implemented');
    await browser.waitUntil(async () => (await (await browser.$(row('CW-ACC-01'))).getText()).includes('✓'), { timeout: 5_000 });

    // By keyboard: focus a row, 4 = implemented, arrow down, 3 = partial.
    await browser.execute((sel) => document.querySelector(sel)?.focus(), row('CW-ACC-02'));
    await browser.keys(['4']);
    await browser.keys(['ArrowDown']);
    await browser.keys(['3']);
    await browser.waitUntil(
      async () => (await (await browser.$(`${row('CW-ACC-02')} select`)).getValue()) === 'implemented',
      { timeout: 5_000 },
    );

    // Not applicable needs a reason: the row opens and asks for it.
    await (await browser.$(byTestId('grid-search'))).setValue('CW-PHY');
    await browser.waitUntil(async () => (await browser.$(row('CW-PHY-01'))).isExisting(), { timeout: 5_000 });
    await (await browser.$(`${row('CW-PHY-01')} select`)).selectByAttribute('value', 'not_applicable');
    const why = await browser.$(byTestId('row-justification'));
    await why.waitForDisplayed({ timeout: 5_000 });
    assert.match(await (await browser.$(byTestId('row-error'))).getText(), /does not apply/);
    await why.setValue('Fully remote company: no offices or server rooms of its own.');
    await browser.keys(['Tab']);

    // Bulk: the whole access domain implemented at once.
    await (await browser.$(byTestId('grid-search'))).setValue('CW-OPS');
    await browser.waitUntil(async () => (await browser.$$(byTestId('grid-row'))).length > 2, { timeout: 5_000 });
    await (await browser.$('th.sel input')).click();
    await (await browser.$(byTestId('bulk-status'))).selectByAttribute('value', 'partially_implemented');
    await (await browser.$(byTestId('bulk-apply'))).click();
    await browser.waitUntil(async () => !(await (await browser.$(byTestId('bulk-bar'))).isExisting()), { timeout: 5_000 });
    const opsStatuses = await browser.$$(`${byTestId('grid-row')} select`).map((s) => s.getValue());
    assert.ok(opsStatuses.every((v) => v === 'partially_implemented'), `bulk change: ${opsStatuses}`);
    await browser.pause(300);
    await browser.saveScreenshot(path.join(ARTIFACTS, 'assessment-grid.png'));

    await (await browser.$(byTestId('open-analysis'))).click();
    const soc2 = await browser.$(byTestId('readiness-soc2'));
    await soc2.waitForDisplayed({ timeout: 10_000 });
    const percent = parseFloat(await soc2.getText());
    assert.ok(percent > 0 && percent < 100, `SOC 2 readiness ${percent}`);
    assert.match(await (await browser.$(byTestId('gaps'))).getText(), /CW-/);
    await browser.pause(300);
    await browser.saveScreenshot(path.join(ARTIFACTS, 'analysis.png'));
  } finally {
    await driver.close(browser);
  }
});

test('a SOC 2 subservice organisation carves criteria out of the scope', async () => {
  const browser = await driver.open(tempDatabase());
  try {
    await (await browser.$(byTestId('new-client'))).click();
    await (await browser.$(byTestId('field-name'))).setValue('Carveout Inc.');
    await (await browser.$(byTestId('field-employees'))).setValue('40');
    await (await browser.$(byTestId('field-headquarters'))).selectByAttribute('value', 'US');
    await (await browser.$(byTestId('market-us'))).click();
    await (await browser.$(byTestId('offering-service_processing_customer_data'))).click();
    await (await browser.$(byTestId('add-pressure'))).click();
    await (await browser.$(byTestId('save-client'))).click();
    await (await browser.$(byTestId('open-assessment'))).click();
    await (await browser.$(byTestId('assessment-grid'))).waitForDisplayed({ timeout: 10_000 });
    const shown = async () => Number(/(\d+) shown/.exec(await (await browser.$(byTestId('grid-shown'))).getText())?.[1]);
    const before = await shown();

    // The cloud provider's data centres meet CC6.4 (physical access): carved out, the physical
    // controls that serve only it leave the grid.
    await (await browser.$(byTestId('edit-scope'))).click();
    await (await browser.$(byTestId('subservice-name'))).setValue('Cloud Host');
    await (await browser.$(byTestId('subservice-method'))).selectByAttribute('value', 'carve_out');
    await (await browser.$(byTestId('subservice-criteria'))).setValue('CC6.4');
    await (await browser.$(byTestId('add-subservice'))).click();
    await (await browser.$(byTestId('subservice-org'))).waitForExist({ timeout: 5_000 });
    assert.match(await (await browser.$(byTestId('subservice-org'))).getText(), /Cloud Host.*carve-out.*CC6\.4/s);
    await browser.waitUntil(async () => (await shown()) < before, { timeout: 5_000 });

    // The entity-level criteria stay the client's own: refused at the field.
    await (await browser.$(byTestId('subservice-name'))).setValue('Payroll Co');
    await (await browser.$(byTestId('subservice-criteria'))).setValue('CC1.1');
    await (await browser.$(byTestId('add-subservice'))).click();
    const error = await browser.$(`${byTestId('subservice-editor')} .error`);
    await error.waitForExist({ timeout: 5_000 });
    assert.match(await error.getText(), /criteria\[0\]: CC1\.1 cannot be carved out/);

    await (await browser.$(byTestId('remove-subservice'))).click();
    await browser.waitUntil(async () => (await shown()) === before, { timeout: 5_000 });
  } finally {
    await driver.close(browser);
  }
});
