// A consultant's whole day with one new client, in the real window and in the order they work:
// firm branding once, the scoping questionnaire, the recommendation and roadmap it gives, the gap
// assessment (statuses, an owner, a due date that has passed), the analysis, the portfolio
// dashboard showing it all, and the PDF report read back with pdftotext.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { after, before, test } from 'node:test';
import path from 'node:path';
import { ARTIFACTS, Driver, byTestId, invoke, tempDatabase } from '../driver.mjs';

const CLIENT = 'Lumenfield Support Inc.';
let driver;

before(async () => {
  driver = await Driver.start();
});

after(async () => {
  await driver?.stop();
});

async function shot(browser, name) {
  await browser.pause(400);
  await browser.saveScreenshot(path.join(ARTIFACTS, `${name}.png`));
}

const $ = async (browser, id) => browser.$(byTestId(id));
const click = async (browser, id) => (await $(browser, id)).click();
const row = (id) => `${byTestId('grid-row')}[data-control="${id}"]`;

/** Today in the machine's time zone, as the app computes it. */
function localToday() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Sets an input the way a person's edit ends: value, then the change event (date pickers). */
async function change(browser, selector, value) {
  await browser.execute(
    (sel, v) => {
      const el = document.querySelector(sel);
      el.value = v;
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
    },
    selector,
    value,
  );
}

test("a consultant's day: scoping, assessment, analysis, roadmap, dashboard, report", async () => {
  const browser = await driver.open(tempDatabase());
  const pdf = path.join(mkdtempSync(path.join(tmpdir(), 'crosswalk-day-')), 'lumenfield.pdf');
  try {
    // Once: the firm's branding for the reports.
    await (await $(browser, 'nav-settings')).waitForDisplayed({ timeout: 10_000 });
    await click(browser, 'nav-settings');
    await (await $(browser, 'firm-name')).setValue('Northbridge Assurance Partners');
    await click(browser, 'save-branding');
    await browser.waitUntil(async () => /Branding saved/.test(await (await $(browser, 'notice')).getText()), {
      timeout: 5_000,
    });

    // The scoping questionnaire, one question at a time.
    await click(browser, 'nav-new-client');
    await (await $(browser, 'question')).waitForDisplayed({ timeout: 10_000 });
    await (await $(browser, 'field-name')).setValue(CLIENT);
    await (await $(browser, 'field-employees')).setValue('140');
    await (await $(browser, 'field-headquarters')).selectByAttribute('value', 'US');
    await click(browser, 'step-next');
    await click(browser, 'offering-service_processing_customer_data');
    await click(browser, 'offering-builds_ai');
    await click(browser, 'step-next');
    await click(browser, 'market-us');
    await click(browser, 'market-eu');
    await click(browser, 'step-next');
    await click(browser, 'add-ai-system');
    await (await browser.$('#ai_systems-0-name')).setValue('Ticket triage assistant');
    await click(browser, 'step-next');
    await click(browser, 'add-pressure'); // US customers ask for SOC 2
    await click(browser, 'step-next');
    await click(browser, 'step-next');
    await shot(browser, 'day-1-questionnaire');
    await click(browser, 'save-client');

    // The recommendation and the roadmap.
    const soc2 = await $(browser, 'verdict-soc2');
    await soc2.waitForDisplayed({ timeout: 10_000 });
    assert.match(await soc2.getText(), /REQUIRED/i);
    await (await $(browser, 'gantt')).waitForExist({ timeout: 5_000 });
    const order = await (await $(browser, 'roadmap-order')).getText();
    assert.match(order, /SOC 2/);
    await shot(browser, 'day-2-recommendation');
    const id = /#\/clients\/([0-9a-f-]{36})/.exec(await browser.getUrl())?.[1];
    assert.ok(id, `the client's id is in the address: ${await browser.getUrl()}`);

    // The gap assessment: statuses, an owner and a due date already past.
    await browser.execute((clientId) => (location.hash = `#/clients/${clientId}`), id);
    await click(browser, 'open-assessment');
    await (await $(browser, 'assessment-grid')).waitForDisplayed({ timeout: 10_000 });
    await (await $(browser, 'grid-search')).setValue('CW-ACC');
    await browser.waitUntil(async () => (await browser.$(row('CW-ACC-03'))).isExisting(), { timeout: 5_000 });
    await (await browser.$(`${row('CW-ACC-01')} select`)).selectByAttribute('value', 'implemented');
    await (await browser.$(`${row('CW-ACC-02')} select`)).selectByAttribute('value', 'partially_implemented');
    await (await browser.$(`${row('CW-ACC-03')} select`)).selectByAttribute('value', 'not_implemented');
    await change(browser, `${row('CW-ACC-03')} input.owner`, 'Dana Ortiz');
    await change(browser, `${row('CW-ACC-03')} input[type="date"]`, '2025-06-30');
    await browser.waitUntil(async () => (await (await browser.$(row('CW-ACC-03'))).getText()).includes('✓'), {
      timeout: 5_000,
      timeoutMsg: 'the owner and due date were not saved',
    });
    await shot(browser, 'day-3-assessment');

    // The analysis moves with it.
    await click(browser, 'open-analysis');
    const readiness = await $(browser, 'readiness-soc2');
    await readiness.waitForDisplayed({ timeout: 10_000 });
    const percent = parseFloat(await readiness.getText());
    assert.ok(percent > 0 && percent < 100, `SOC 2 readiness ${percent}`);
    await (await browser.$('button*=Show all')).click();
    assert.match(await (await $(browser, 'gaps')).getText(), /CW-ACC-03[^\n]*Dana Ortiz/);
    await shot(browser, 'day-4-analysis');

    // Back on the recommendation: the roadmap now plans with what is left to do.
    await browser.execute((clientId) => (location.hash = `#/clients/${clientId}/advice`), id);
    await (await $(browser, 'roadmap')).waitForDisplayed({ timeout: 10_000 });
    assert.match(await (await $(browser, 'roadmap-order')).getText(), /SOC 2/);

    // The portfolio dashboard: frameworks, readiness, the next milestone, the overdue action.
    await click(browser, 'nav-portfolio');
    const client = await browser.$(`//tr[@data-testid="client-row"][contains(., "${CLIENT}")]`);
    await client.waitForDisplayed({ timeout: 10_000 });
    await browser.waitUntil(async () => /1 overdue/.test(await (await client.$(byTestId('client-actions'))).getText()), {
      timeout: 10_000,
      timeoutMsg: 'the overdue action is not on the dashboard',
    });
    assert.match(await (await client.$(byTestId('client-frameworks'))).getText(), /SOC 2/);
    assert.match(await (await client.$(byTestId('client-readiness'))).getText(), /SOC 2\s+\d+%/);
    const milestone = await (await client.$(byTestId('client-milestone'))).getText();
    assert.match(milestone, /\d{4}-\d{2}-\d{2}/);
    await (await $(browser, 'filter-attention')).click();
    await browser.waitUntil(async () => (await browser.$$(byTestId('client-row'))).length === 1, { timeout: 5_000 });
    await shot(browser, 'day-5-dashboard');

    // The report, as the export button writes it once the save dialog has answered.
    await client.$('a').then((a) => a.click());
    await (await $(browser, 'export-report')).waitForDisplayed({ timeout: 5_000 });
    const written = await invoke(browser, 'export_report', {
      request: { id, path: pdf, lang: 'en', today: localToday() },
    });
    assert.equal(written.ok, true, JSON.stringify(written.error));
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    assert.match(text, new RegExp(CLIENT.replace('.', '\\.')));
    assert.match(text, /Northbridge Assurance Partners/);
    assert.match(text, /SOC 2/);
    assert.match(text, /CW-ACC-03/, 'the open gap is in the action list');
    assert.match(text, /Dana Ortiz/, 'with its owner');
    // The report writes dates for readers ("8 Apr 2027" in its tables), not as data.
    const [y, m, d] = milestone.match(/(\d{4})-(\d{2})-(\d{2})/).slice(1).map(Number);
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    assert.ok(text.includes(`${d} ${months[m - 1]} ${y}`), 'the next milestone is on the roadmap');
    assert.doesNotMatch(text, /\b\d{4}-\d{2}-\d{2}\b/, 'no date left as data in the report');
  } finally {
    await driver.close(browser);
  }
});
