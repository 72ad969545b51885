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
    const panel = await browser.$(byTestId('overrides'));
    assert.match(await panel.getText(), /The board wants AI governance first/);

    // Holding a framework back twice keeps one date, the later one; "Remove" takes it away.
    const holdBack = async (date, reason) => {
      await (await browser.$(byTestId('override-kind'))).selectByAttribute('value', 'not_before');
      await (await browser.$(byTestId('override-framework'))).selectByAttribute('value', 'soc2');
      // A date field's own editor varies by platform: set its value as typing would.
      await browser.execute((value) => {
        const input = document.querySelector('input[aria-label="Date"]');
        input.value = value;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }, date);
      await (await browser.$(byTestId('override-reason'))).setValue(reason);
      await (await browser.$(byTestId('override-add'))).click();
      await browser.waitUntil(async () => (await panel.getText()).includes(reason), {
        timeout: 5_000,
        timeoutMsg: `the start date "${reason}" was not shown: ${await panel.getText()}`,
      });
    };
    await holdBack('2027-03-01', 'Auditor free from March');
    await holdBack('2027-05-03', 'Auditor moved to May');
    const text = await panel.getText();
    assert.equal(text.match(/SOC 2 starts no earlier than/g)?.length, 1, text);
    assert.match(text, /SOC 2 starts no earlier than 2027-05-03/);
    assert.doesNotMatch(text, /Auditor free from March/);
    const removes = await panel.$$('button.link');
    assert.equal(removes.length, 2, 'one Remove for the order, one for the date');
    await removes[1].click();
    await browser.waitUntil(async () => !(await panel.getText()).includes('Auditor moved to May'), {
      timeout: 5_000,
      timeoutMsg: 'the start date was not removed',
    });
    assert.match(await panel.getText(), /The board wants AI governance first/, 'the order is kept');
  } finally {
    await driver.close(browser);
  }
});
