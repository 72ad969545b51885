// The catalogue in the real window: from the list of frameworks to a control's crosswalk and
// back to the requirement in its framework, in both content languages.

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

test('browse framework, control and crosswalk', async () => {
  const browser = await driver.open(tempDatabase());
  try {
    await (await browser.$(byTestId('nav-catalog'))).click();
    for (const id of ['iso27001', 'soc2', 'iso42001', 'eu_ai_act']) {
      await (await browser.$(byTestId(`framework-${id}`))).waitForDisplayed({ timeout: 10_000 });
    }
    assert.match(await (await browser.$(byTestId('framework-iso27001'))).getText(), /123/);

    await (await browser.$(byTestId('control-search'))).setValue('provisioning');
    await browser.waitUntil(async () => (await browser.$$(byTestId('control-row'))).length === 1, { timeout: 5_000 });
    await (await browser.$(`${byTestId('control-row')} a`)).click();

    const crosswalk = await browser.$(byTestId('crosswalk'));
    await crosswalk.waitForDisplayed({ timeout: 5_000 });
    const text = await crosswalk.getText();
    assert.match(text, /A\.5\.18/);
    assert.match(text, /CC6\.2/);

    await (await browser.$(byTestId('lang-de'))).click();
    await browser.waitUntil(async () => /Zugriffs|Zugang|Berechtigung/.test(await (await browser.$('h1')).getText()), {
      timeout: 5_000,
      timeoutMsg: 'the control title did not switch to German',
    });
    await (await browser.$(byTestId('lang-en'))).click();

    await (await browser.$('a[href="#/catalog/frameworks/iso27001/A.5.18"]')).click();
    const tree = await browser.$(byTestId('requirement-tree'));
    await tree.waitForDisplayed({ timeout: 5_000 });
    assert.match(await tree.getText(), /A\.5\.18/);
    await browser.pause(400);
    await browser.saveScreenshot(path.join(ARTIFACTS, 'catalog-framework.png'));
  } finally {
    await driver.close(browser);
  }
});

test('the GDPR, NIS2 and the NIST AI RMF are in the catalogue, in both languages', async () => {
  const browser = await driver.open(tempDatabase());
  try {
    await (await browser.$(byTestId('nav-catalog'))).click();
    for (const [id, assessable] of [['gdpr', 38], ['nis2', 37], ['nist_ai_rmf', 72]]) {
      const card = await browser.$(byTestId(`framework-${id}`));
      await card.waitForDisplayed({ timeout: 10_000 });
      assert.match(await card.getText(), new RegExp(`Requirements\\s*${assessable}\\b`, "i"));
    }
    await (await browser.$(byTestId('framework-nis2'))).click();
    const tree = await browser.$(byTestId('requirement-tree'));
    await tree.waitForDisplayed({ timeout: 5_000 });
    const text = await tree.getText();
    assert.match(text, /Art\.23\(4\)\(a\)/);
    assert.match(text, /IR\.13/);
    await (await browser.$(byTestId('lang-de'))).click();
    await browser.waitUntil(async () => /Frühwarnung innerhalb von 24 Stunden/.test(await tree.getText()), {
      timeout: 5_000,
      timeoutMsg: 'the NIS2 titles did not switch to German',
    });
    await browser.pause(400);
    await browser.saveScreenshot(path.join(ARTIFACTS, 'catalog-nis2-de.png'));
  } finally {
    await driver.close(browser);
  }
});
