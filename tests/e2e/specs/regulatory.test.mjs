// The GDPR, NIS2 and the NIST AI RMF in the real window: the demo's NIS2 managed service provider,
// GDPR processor and US-selling AI builder get their verdicts with the articles behind them, and
// answering a NIS2 fact in the client form changes the verdict the recommendation shows.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import path from 'node:path';
import { ARTIFACTS, CLI, Driver, byTestId, tempDatabase } from '../driver.mjs';

let driver;

before(async () => {
  driver = await Driver.start();
});

after(async () => {
  await driver?.stop();
});

async function shot(browser, name) {
  await browser.pause(300);
  await browser.saveScreenshot(path.join(ARTIFACTS, `${name}.png`));
}

/** Opens a demo client's recommendation through the portfolio's search. */
async function openAdvice(browser, search, name) {
  await (await browser.$('a[href="#/"]')).click();
  const box = await browser.$(byTestId('client-search'));
  await box.waitForDisplayed({ timeout: 10_000 });
  await box.setValue(search);
  await browser.waitUntil(async () => (await browser.$$(byTestId('client-row'))).length === 1, { timeout: 10_000 });
  await (await browser.$(`${byTestId('client-row')} a`)).click();
  await browser.waitUntil(async () => (await (await browser.$(byTestId('client-name'))).getText()) === name, {
    timeout: 10_000,
  });
  await (await browser.$(byTestId('open-advice'))).click();
  await (await browser.$(byTestId('verdicts'))).waitForDisplayed({ timeout: 10_000 });
}

async function verdict(browser, framework) {
  return (await browser.$(byTestId(`verdict-${framework}`))).getText();
}

/** The verdict's badge: required, recommended, optional or not needed. */
async function need(browser, framework) {
  return (await (await browser.$(`${byTestId(`verdict-${framework}`)} .need`)).getText()).toLowerCase();
}

test('GDPR, NIS2 and NIST AI RMF verdicts of the demo clients, and a NIS2 answer changing one', async () => {
  const db = tempDatabase();
  execFileSync(CLI, ['--db', db, 'demo']);
  const browser = await driver.open(db);
  try {
    await browser.waitUntil(async () => (await browser.$$(byTestId('client-row'))).length >= 14, { timeout: 15_000 });

    // A German managed service provider of 120 people: an important NIS2 entity; the GDPR applies.
    await openAdvice(browser, 'Rheinblick', 'Rheinblick IT-Services GmbH');
    const nis2 = await verdict(browser, 'nis2');
    assert.equal(await need(browser, 'nis2'), 'required');
    assert.match(nis2, /Important entity/);
    assert.match(nis2, /Managed service provider/);
    assert.equal(await need(browser, 'gdpr'), 'required');
    await (await browser.$(`${byTestId('obligations-nis2')} summary`)).click();
    const owed = await (await browser.$(byTestId('obligations-nis2'))).getText();
    for (const article of ['Art.20', 'Art.21(2)(a)', 'Art.23', 'Art.27', 'IR.1']) assert.ok(owed.includes(article), article);
    await shot(browser, 'regulatory-nis2-important');

    // The same client recorded as a DNS service provider: essential, whatever its size (Art. 3(1)(b)).
    await (await browser.$('a.back')).click();
    await (await browser.$(byTestId('edit-client'))).click();
    const entity = await browser.$(byTestId('regulatory-nis2_entity'));
    await entity.waitForDisplayed({ timeout: 10_000 });
    await entity.selectByAttribute('value', 'dns_service_provider');
    await (await browser.$(byTestId('save-client'))).click();
    await (await browser.$(byTestId('open-advice'))).waitForDisplayed({ timeout: 10_000 });
    await (await browser.$(byTestId('open-advice'))).click();
    await browser.waitUntil(async () => /Essential entity/.test(await verdict(browser, 'nis2')), {
      timeout: 10_000,
      timeoutMsg: 'a DNS service provider is not shown as an essential entity',
    });
    assert.match(await verdict(browser, 'nis2'), /DNS service provider/);

    // A Dutch payroll service acting as processor: Art. 28 and the transfer articles, not the DPO.
    await openAdvice(browser, 'Payvana', 'Payvana HR Cloud B.V.');
    assert.equal(await need(browser, 'gdpr'), 'required');
    await (await browser.$(`${byTestId('obligations-gdpr')} summary`)).click();
    const gdpr = await (await browser.$(byTestId('obligations-gdpr'))).getText();
    assert.ok(gdpr.includes('Art.28'), 'a processor owes Art. 28');
    assert.ok(gdpr.includes('Art.44'), 'transfers outside the EEA bring Chapter V');
    await shot(browser, 'regulatory-gdpr-processor');

    // A US AI builder whose US buyers ask for the NIST AI RMF by name: required by them (R8), and
    // said to be voluntary guidance, not law; no EU market, so neither the GDPR nor NIS2 is required.
    await openAdvice(browser, 'Sierra', 'Sierra Cognition Inc.');
    assert.equal(await need(browser, 'nist_ai_rmf'), 'required');
    assert.match(await verdict(browser, 'nist_ai_rmf'), /R8/);
    assert.match(await verdict(browser, 'nist_ai_rmf'), /not a legal obligation/);
    assert.notEqual(await need(browser, 'nis2'), 'required');
    assert.notEqual(await need(browser, 'gdpr'), 'required');
    await shot(browser, 'regulatory-nist-ai-rmf');
  } finally {
    await driver.close(browser);
  }
});
