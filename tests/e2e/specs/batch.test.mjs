// Long work from the portfolio, in the real window: export every client's report into a folder
// with progress; export every client as an encrypted package and cancel half-way (the files
// written are whole, nothing half-written is left); import those packages back, first without
// the passphrase (each one says what to do), then with it.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { after, before, test } from 'node:test';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ARTIFACTS, CLI, Driver, byTestId, tempDatabase } from '../driver.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const synthetic = path.resolve(here, '../../../benches/synthetic-clients.mjs');
const PASSPHRASE = 'long walk on the harbour wall';
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

/** How many active clients the portfolio says it holds (only the rows in view are in the page). */
async function rows(browser) {
  const m = /^(\d+) active client/.exec(await (await browser.$(byTestId('portfolio-count'))).getText());
  return m ? Number(m[1]) : -1;
}

/** "12 of 32" in the result panel, as numbers. */
async function resultCounts(browser) {
  const result = await browser.$(byTestId('batch-result'));
  await result.waitForDisplayed({ timeout: 120_000 });
  const text = await result.getText();
  const m = /(\d+) of (\d+)/.exec(text);
  assert.ok(m, text);
  return { done: Number(m[1]), total: Number(m[2]), text };
}

/** Sets a textarea's lines (typing a newline through WebDriver does not reach the page). */
async function setLines(browser, testId, text) {
  await browser.execute(
    (selector, value) => {
      const el = document.querySelector(selector);
      el.value = value;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    },
    byTestId(testId),
    text,
  );
}

async function closeBatch(browser) {
  await (await browser.$(byTestId('batch-close'))).click();
  await (await browser.$(byTestId('batch-dialog'))).waitForDisplayed({ reverse: true, timeout: 5_000 });
}

test('batch export with progress and cancel, and import', async () => {
  // A portfolio of 32 clients: the demo's fourteen and 18 generated ones.
  const db = tempDatabase();
  execFileSync(CLI, ['--db', db, 'demo']);
  const generated = path.join(path.dirname(db), 'clients.json');
  writeFileSync(generated, execFileSync('node', [synthetic, '18']));
  execFileSync(CLI, ['--db', db, 'client', 'import', generated]);
  const reports = mkdtempSync(path.join(tmpdir(), 'crosswalk-reports-'));
  const packages = mkdtempSync(path.join(tmpdir(), 'crosswalk-packages-'));

  const browser = await driver.open(db);
  try {
    await browser.waitUntil(async () => (await rows(browser)) === 32, { timeout: 15_000 });

    // Reports need the firm's branding: without it the export says where to set it.
    await (await browser.$(byTestId('export-reports'))).click();
    await (await browser.$(byTestId('batch-folder'))).setValue(reports);
    await (await browser.$(byTestId('batch-start'))).click();
    const banner = await browser.$('[role="alert"]');
    await banner.waitForDisplayed({ timeout: 10_000 });
    assert.match(await banner.getText(), /Settings/);
    assert.deepEqual(readdirSync(reports), [], 'nothing written');
    await browser.keys('Escape');

    await (await browser.$(byTestId('nav-settings'))).click();
    await (await browser.$(byTestId('firm-name'))).setValue('Northbridge Assurance Partners');
    await (await browser.$(byTestId('save-branding'))).click();
    await browser.waitUntil(async () => /Branding saved/.test(await (await browser.$(byTestId('notice'))).getText()), {
      timeout: 5_000,
    });
    await (await browser.$(byTestId('nav-portfolio'))).click();
    await browser.waitUntil(async () => (await rows(browser)) === 32, { timeout: 10_000 });

    // Every report, with progress.
    await (await browser.$(byTestId('export-reports'))).click();
    await (await browser.$(byTestId('batch-folder'))).setValue(reports);
    await (await browser.$(byTestId('batch-start'))).click();
    const exported = await resultCounts(browser);
    assert.deepEqual([exported.done, exported.total], [32, 32], exported.text);
    await shot(browser, 'batch-reports-done');
    const pdfs = readdirSync(reports);
    assert.equal(pdfs.filter((f) => f.endsWith('.pdf')).length, 32, pdfs.join(', '));
    assert.ok(!pdfs.some((f) => f.endsWith('.tmp')));
    const text = execFileSync('pdftotext', [path.join(reports, 'harbor-ledger-inc-report-en.pdf'), '-'], {
      encoding: 'utf8',
    });
    assert.match(text, /Harbor Ledger Inc\./);
    assert.match(text, /Northbridge Assurance Partners/);
    await closeBatch(browser);

    // Every client as an encrypted package; cancelled once a few are written.
    await (await browser.$(byTestId('export-packages'))).click();
    await (await browser.$(byTestId('batch-folder'))).setValue(packages);
    await (await browser.$(byTestId('batch-passphrase'))).setValue(PASSPHRASE);
    await (await browser.$(byTestId('batch-passphrase-confirm'))).setValue(PASSPHRASE);
    await (await browser.$(byTestId('batch-start'))).click();
    const progress = await browser.$(byTestId('batch-progress'));
    await browser.waitUntil(async () => /^([3-9]|\d\d) of 32/.test(await progress.getText()), {
      timeout: 60_000,
      interval: 20,
    });
    await shot(browser, 'batch-packages-progress');
    await (await browser.$(byTestId('batch-cancel'))).click();
    const cancelled = await resultCounts(browser);
    assert.match(cancelled.text, /cancelled/);
    assert.ok(cancelled.done >= 3 && cancelled.done < 32, cancelled.text);
    const written = readdirSync(packages);
    assert.equal(written.length, cancelled.done, `whole files only: ${written.join(', ')}`);
    assert.ok(written.every((f) => f.endsWith('.cwpkg')));
    await closeBatch(browser);

    // Import them back: without the passphrase each says so, nothing is added.
    const files = written.map((f) => path.join(packages, f)).join('\n');
    await (await browser.$(byTestId('import-packages'))).click();
    await setLines(browser, 'batch-files', files);
    await (await browser.$(byTestId('batch-start'))).click();
    const refused = await resultCounts(browser);
    assert.equal(refused.done, 0, refused.text);
    assert.match(await (await browser.$(byTestId('batch-failed'))).getText(), /encrypted: give its passphrase/);
    await closeBatch(browser);
    assert.equal(await rows(browser), 32);

    // With it, each becomes a new client beside the original.
    await (await browser.$(byTestId('import-packages'))).click();
    await setLines(browser, 'batch-files', files);
    await (await browser.$(byTestId('batch-mode'))).selectByAttribute('value', 'new');
    await (await browser.$(byTestId('batch-passphrase'))).setValue(PASSPHRASE);
    await (await browser.$(byTestId('batch-start'))).click();
    const imported = await resultCounts(browser);
    assert.deepEqual([imported.done, imported.total], [cancelled.done, cancelled.done], imported.text);
    await closeBatch(browser);
    await browser.waitUntil(async () => (await rows(browser)) === 32 + cancelled.done, { timeout: 10_000 });

    // The copies share their originals' names: exporting everything again writes one file per
    // client all the same (the start of the id tells them apart), none over another.
    const again = mkdtempSync(path.join(tmpdir(), 'crosswalk-packages-'));
    await (await browser.$(byTestId('export-packages'))).click();
    await (await browser.$(byTestId('batch-folder'))).setValue(again);
    await (await browser.$(byTestId('batch-start'))).click();
    const all = await resultCounts(browser);
    assert.equal(all.done, 32 + cancelled.done, all.text);
    assert.equal(readdirSync(again).length, 32 + cancelled.done, readdirSync(again).join(', '));
    await closeBatch(browser);

    // Only the rows in view are in the page; scrolling to the end brings the last one in, and
    // the arrow keys walk the rows beyond what is rendered.
    const rendered = (await browser.$$(byTestId('client-row'))).length;
    assert.ok(rendered < 32 + cancelled.done, `${rendered} rows rendered`);
    await browser.execute(() => {
      const main = document.querySelector('main');
      main.scrollTop = main.scrollHeight;
    });
    const last = await browser.$('//tr[@data-testid="client-row"][contains(., "Talentlens GmbH")]');
    await last.waitForDisplayed({ timeout: 5_000 });
    await browser.execute(() => {
      document.querySelector('main').scrollTop = 0;
    });
    await browser.waitUntil(async () => (await browser.$('tr[data-index="0"]')).isExisting(), { timeout: 5_000 });
    await browser.execute(() => document.querySelector('tr[data-index="0"]').focus());
    for (let i = 0; i < 25; i++) await browser.keys(['ArrowDown']);
    const focused = await browser.execute(() => document.activeElement?.getAttribute('data-index'));
    assert.equal(focused, '25');
    await shot(browser, 'portfolio-scrolled');
  } finally {
    await driver.close(browser);
  }
});
