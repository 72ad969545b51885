// The scoping questionnaire in the real window: answer the article's questions one at a time,
// go back and forth without losing an answer, save, and land on the recommendation it produces.

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

async function question(browser) {
  return (await browser.$(`${byTestId('question')} h2`)).getText();
}

async function next(browser) {
  await (await browser.$(byTestId('step-next'))).click();
}

test('questionnaire to recommendation', async () => {
  const browser = await driver.open(tempDatabase());
  try {
    await (await browser.$(byTestId('nav-new-client'))).click();
    await (await browser.$(byTestId('question'))).waitForDisplayed({ timeout: 10_000 });
    assert.equal(await question(browser), 'Who is the client?');
    await (await browser.$(byTestId('field-name'))).setValue('Helio Support Inc.');
    await (await browser.$(byTestId('field-employees'))).setValue('120');
    await (await browser.$(byTestId('field-headquarters'))).selectByAttribute('value', 'US');
    await next(browser);

    assert.equal(await question(browser), 'What do they sell?');
    await (await browser.$(byTestId('offering-service_processing_customer_data'))).click();
    await (await browser.$(byTestId('offering-builds_ai'))).click();
    await next(browser);

    assert.equal(await question(browser), 'Where are their customers?');
    await (await browser.$(byTestId('market-us'))).click();
    await (await browser.$(byTestId('market-eu'))).click();
    await next(browser);

    assert.equal(await question(browser), 'What do they do with AI?');
    await (await browser.$(byTestId('add-ai-system'))).click();
    await (await browser.$('#ai_systems-0-name')).setValue('Answer Bot');
    // The facts that decide its AI Act duties start as "not known yet", a visible choice.
    const deployerType = await browser.$(byTestId('ai-deployer-type-0'));
    assert.equal(await deployerType.getValue(), 'unknown');
    assert.match(await deployerType.getText(), /Not known yet/);
    assert.equal(await (await browser.$(byTestId('ai-market-entry-0'))).getValue(), 'unknown');
    // A high-risk credit check: the sub-point and the deployer type are asked in plain words.
    await (await browser.$('#ai_systems-0-risk')).selectByAttribute('value', 'high_risk_annex_iii');
    await (await browser.$('#ai_systems-0-risk-area')).selectByAttribute('value', 'essential_services');
    await (await browser.$(byTestId('ai-point-0'))).selectByAttribute('value', '5(b)');
    await (await browser.$(byTestId('ai-market-entry-0'))).selectByAttribute('value', 'not_yet');
    await next(browser);

    assert.equal(await question(browser), 'Who is asking them, and for what?');
    await (await browser.$(byTestId('add-pressure'))).click(); // US customers asking for SOC 2
    await next(browser);
    await next(browser);
    assert.match(await question(browser), /contacts/);

    // Back to the first question and forward again: nothing typed is lost.
    for (let i = 0; i < 6; i++) await (await browser.$(byTestId('step-back'))).click();
    assert.equal(await question(browser), 'Who is the client?');
    assert.equal(await (await browser.$(byTestId('field-name'))).getValue(), 'Helio Support Inc.');
    for (let i = 0; i < 6; i++) await next(browser);

    await browser.pause(300);
    await browser.saveScreenshot(path.join(ARTIFACTS, 'scoping-questionnaire.png'));
    await (await browser.$(byTestId('save-client'))).click();

    const soc2 = await browser.$(byTestId('verdict-soc2'));
    await soc2.waitForDisplayed({ timeout: 10_000 });
    assert.match(await soc2.getText(), /REQUIRED/i);
    assert.match(await (await browser.$(byTestId('verdict-iso42001'))).getText(), /RECOMMENDED/i);
    await (await browser.$(byTestId('gantt'))).waitForExist({ timeout: 5_000 });
    // Credit scoring brings the fundamental rights impact assessment whatever the deployer is,
    // with the fact that made it apply; the unknown deployer type is asked, not guessed.
    const reasons = [];
    for (const b of await browser.$$(byTestId('obligation-because'))) reasons.push(await b.getText());
    assert.ok(reasons.some((r) => /risk\.point: 5\(b\)/.test(r)), `reasons shown: ${reasons.join(' | ')}`);
    assert.match(await (await browser.$(byTestId('ai-questions'))).getText(), /Ask: is the client, as deployer of Answer Bot/);
    await browser.pause(400);
    await browser.saveScreenshot(path.join(ARTIFACTS, 'recommendation.png'));

    // Override the order: refused without a reason, applied and shown with one.
    const roadmap = await browser.$(byTestId('roadmap-order'));
    assert.match(await roadmap.getText(), /SOC 2 → ISO\/IEC 42001/);
    // The override form sits low on a long page: bring it to the middle, clear of the notice.
    await browser.execute(() => document.querySelector('[data-testid="overrides"]')?.scrollIntoView({ block: 'center' }));
    await (await browser.$(byTestId('override-framework'))).selectByAttribute('value', 'iso42001');
    await (await browser.$(byTestId('override-add'))).click();
    const error = await browser.$(byTestId('override-error'));
    await error.waitForDisplayed({ timeout: 5_000 });
    assert.match(await error.getText(), /reason/);
    await (await browser.$(byTestId('override-reason'))).setValue('The board wants AI governance first');
    await (await browser.$(byTestId('override-add'))).click();
    await browser.pause(500);
    await browser.saveScreenshot(path.join(ARTIFACTS, 'override.png'));
    await browser.waitUntil(async () => /ISO\/IEC 42001 → SOC 2/.test(await roadmap.getText()), {
      timeout: 5_000,
      timeoutMsg: 'the override did not change the order',
    });
    assert.match(await (await browser.$(byTestId('overrides'))).getText(), /The board wants AI governance first/);
  } finally {
    await driver.close(browser);
  }
});
