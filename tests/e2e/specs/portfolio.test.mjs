// The foundation's promise, in the real window: add a client through the form (after being
// told what is wrong with a half-filled one), see it in the portfolio, quit, start again, and
// find it there.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import path from 'node:path';
import { ARTIFACTS, Driver, byTestId, tempDatabase } from '../driver.mjs';

let driver;
const db = tempDatabase();

before(async () => {
  driver = await Driver.start();
});

after(async () => {
  await driver?.stop();
});

async function shot(browser, name) {
  // WebKit paints a moment after the DOM changes; give it that moment before the picture.
  await browser.pause(400);
  await browser.saveScreenshot(path.join(ARTIFACTS, `${name}.png`));
}

test('a client created in the window survives a restart', async () => {
  let browser = await driver.open(db);
  try {
    assert.equal(await browser.getTitle(), 'Crosswalk');
    const empty = await browser.$(byTestId('empty-portfolio'));
    await empty.waitForDisplayed({ timeout: 10_000 });

    await (await browser.$(byTestId('new-client'))).click();
    const form = await browser.$(byTestId('client-form'));
    await form.waitForDisplayed({ timeout: 5_000 });

    // Half-filled: the backend's errors come back at their fields, nothing is saved.
    await (await browser.$(byTestId('field-employees'))).setValue('0');
    await (await browser.$(byTestId('save-client'))).click();
    const nameError = await browser.$(byTestId('error-name'));
    await nameError.waitForDisplayed({ timeout: 5_000 });
    assert.match(await nameError.getText(), /must not be empty/);
    assert.match(await (await browser.$(byTestId('error-employees'))).getText(), /at least 1/);
    assert.match(await (await browser.$(byTestId('error-headquarters'))).getText(), /country code/);
    assert.ok(await (await browser.$(byTestId('error-markets'))).isDisplayed());
    await shot(browser, 'client-form-errors');

    await (await browser.$(byTestId('field-name'))).setValue('Aurora Payments GmbH');
    await (await browser.$(byTestId('field-sector'))).selectByAttribute('value', 'financial_services');
    await (await browser.$(byTestId('field-employees'))).setValue('180');
    await (await browser.$(byTestId('field-headquarters'))).selectByAttribute('value', 'DE');
    await (await browser.$(byTestId('market-eu'))).click();
    await (await browser.$(byTestId('market-us'))).click();
    await (await browser.$(byTestId('offering-service_processing_customer_data'))).click();
    await (await browser.$(byTestId('field-notes'))).setValue('Card issuing platform; first visit on site.');
    await shot(browser, 'client-form-filled');
    await (await browser.$(byTestId('save-client'))).click();

    const title = await browser.$(byTestId('client-name'));
    await title.waitForDisplayed({ timeout: 5_000 });
    assert.equal(await title.getText(), 'Aurora Payments GmbH');
    await shot(browser, 'client-page');
  } finally {
    await driver.close(browser);
  }

  // A new process on the same database.
  browser = await driver.open(db);
  try {
    await browser.waitUntil(async () => (await browser.$$(byTestId('client-row'))).length === 1, { timeout: 10_000 });
    const row = (await browser.$$(byTestId('client-row')))[0];
    assert.match(await row.getText(), /Aurora Payments GmbH/);
    assert.match(await row.getText(), /Germany/);
    await shot(browser, 'portfolio-after-restart');
  } finally {
    await driver.close(browser);
  }
});

test('the demo portfolio loads, searches and sorts in the window', async () => {
  const browser = await driver.open(tempDatabase());
  try {
    const load = await browser.$(byTestId('load-demo'));
    await load.waitForDisplayed({ timeout: 10_000 });
    await load.click();
    await browser.waitUntil(async () => (await browser.$$(byTestId('client-row'))).length >= 6, { timeout: 10_000 });
    await shot(browser, 'portfolio-demo');

    // The dashboard: what Harbor Ledger needs, its next date and its deadline at risk.
    const harbor = await browser.$('//tr[@data-testid="client-row"][contains(., "Harbor Ledger")]');
    await browser.waitUntil(async () => /SOC 2/.test(await (await harbor.$(byTestId('client-frameworks'))).getText()), {
      timeout: 10_000,
    });
    assert.match(await (await harbor.$(byTestId('client-milestone'))).getText(), /\d{4}-\d{2}-\d{2}/);
    assert.match(await harbor.getText(), /deadline at risk/);

    // Filter by framework: only clients the recommendation sends to ISO/IEC 27001.
    await (await browser.$(byTestId('filter-framework'))).selectByAttribute('value', 'iso27001');
    await browser.waitUntil(
      async () => {
        const n = (await browser.$$(byTestId('client-row'))).length;
        return n >= 1 && n < 14;
      },
      { timeout: 5_000 },
    );
    for (const row of await browser.$$(byTestId('client-row'))) {
      assert.match(await (await row.$(byTestId('client-frameworks'))).getText(), /27001/);
    }
    await (await browser.$(byTestId('filter-framework'))).selectByAttribute('value', '');
    // Sort by next milestone: the dates come in order, once the core has answered the new query.
    await (await browser.$(byTestId('sort'))).selectByAttribute('value', 'milestone');
    const milestones = async () => {
      const dates = [];
      for (const cell of await browser.$$(byTestId('client-milestone'))) {
        const m = /\d{4}-\d{2}-\d{2}/.exec(await cell.getText());
        if (m) dates.push(m[0]);
      }
      return dates;
    };
    await browser.waitUntil(
      async () => (await browser.$(byTestId('client-table')).getAttribute('aria-busy')) === 'false',
      { timeout: 10_000, timeoutMsg: 'the sorted rows did not come' },
    );
    const dates = await milestones();
    assert.ok(dates.length >= 5, `milestones shown: ${dates}`);
    assert.deepEqual(dates, [...dates].sort());
    await (await browser.$(byTestId('sort'))).selectByAttribute('value', 'name');

    await (await browser.$(byTestId('client-search'))).setValue('talent');
    await browser.waitUntil(async () => (await browser.$$(byTestId('client-row'))).length === 1, { timeout: 5_000 });
    assert.match(await (await browser.$(byTestId('client-row'))).getText(), /Talentlens/);
  } finally {
    await driver.close(browser);
  }
});
