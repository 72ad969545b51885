// Report export from the real window: without branding it says what to do; with the firm's
// branding saved in Settings, the export command (what the button runs once the native save
// dialog has returned a path) writes a PDF that pdftotext reads back, and with the Word format
// chosen a DOCX that pandoc reads back.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { after, before, test } from 'node:test';
import path from 'node:path';
import { ARTIFACTS, Driver, byTestId, invoke, tempDatabase } from '../driver.mjs';

let driver;

before(async () => {
  driver = await Driver.start();
});

after(async () => {
  await driver?.stop();
});

test('export a branded report', async () => {
  const browser = await driver.open(tempDatabase());
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'crosswalk-report-')), 'talentlens.pdf');
  try {
    await (await browser.$(byTestId('load-demo'))).waitForDisplayed({ timeout: 10_000 });
    await (await browser.$(byTestId('load-demo'))).click();
    await browser.waitUntil(async () => (await browser.$$(byTestId('client-row'))).length >= 6, { timeout: 10_000 });
    const rows = await browser.$$(byTestId('client-row'));
    let id = null;
    for (const row of rows) {
      if ((await row.getText()).includes('Talentlens')) {
        id = (await (await row.$('a')).getAttribute('href')).split('/').pop();
      }
    }
    assert.ok(id, 'Talentlens is in the demo portfolio');
    const request = { request: { id, path: out, lang: 'de', today: '2026-11-29' } };

    const refused = await invoke(browser, 'export_report', request);
    assert.equal(refused.ok, false);
    assert.match(refused.error.message, /Settings/);

    await (await browser.$(byTestId('nav-settings'))).click();
    await (await browser.$(byTestId('firm-name'))).setValue('Northbridge Assurance Partners');
    await (await browser.$(byTestId('save-branding'))).click();
    await browser.waitUntil(async () => /Branding saved/.test(await (await browser.$(byTestId('notice'))).getText()), {
      timeout: 5_000,
    });

    await browser.execute((clientId) => { location.hash = `#/clients/${clientId}`; }, id);
    await (await browser.$(byTestId('export-report'))).waitForDisplayed({ timeout: 5_000 });
    await browser.pause(300);
    await browser.saveScreenshot(path.join(ARTIFACTS, 'client-page-report.png'));

    const written = await invoke(browser, 'export_report', request);
    assert.equal(written.ok, true, JSON.stringify(written.error));
    const text = execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' });
    assert.match(text, /Talentlens GmbH/);
    assert.match(text, /Northbridge Assurance Partners/);
    assert.match(text, /Seite \d+ von \d+/);

    // The same report as an editable Word document: the format choice is on the page, and the
    // command writes a DOCX that an independent reader understands.
    const format = await browser.$(byTestId('report-format'));
    await format.selectByAttribute('value', 'docx');
    assert.match(await (await browser.$(byTestId('export-report'))).getText(), /Word/);
    const docx = out.replace(/\.pdf$/, '.docx');
    const wordRequest = { request: { id, path: docx, lang: 'de', today: '2026-11-29', format: 'docx' } };
    const wrote = await invoke(browser, 'export_report', wordRequest);
    assert.equal(wrote.ok, true, JSON.stringify(wrote.error));
    const word = execFileSync('pandoc', ['-f', 'docx', '-t', 'plain', docx], { encoding: 'utf8' });
    assert.match(word, /Talentlens GmbH/);
    assert.match(word, /Management-Zusammenfassung/);
    const bad = await invoke(browser, 'export_report', { request: { ...wordRequest.request, format: 'odt' } });
    assert.equal(bad.ok, false);
    assert.match(bad.error.message, /format.*pdf.*docx/);
  } finally {
    await driver.close(browser);
  }
});
