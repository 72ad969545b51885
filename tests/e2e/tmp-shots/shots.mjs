import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { CLI, Driver, byTestId, tempDatabase } from '../driver.mjs';
const db = tempDatabase();
execFileSync(CLI, ['--db', db, 'demo']);
const driver = await Driver.start();
const browser = await driver.open(db);
try {
  await browser.waitUntil(async () => (await browser.$$(byTestId('client-row'))).length >= 8, { timeout: 15000 });
  await (await browser.$(byTestId('theme'))).selectByAttribute('value', 'dark');
  await browser.waitUntil(async () => /SOC 2/.test(await (await browser.$(byTestId('client-frameworks'))).getText()), { timeout: 10000 });
  await browser.pause(800);
  await browser.saveScreenshot(path.resolve('docs/screenshots/portfolio.png'));
  await (await browser.$(byTestId('export-reports'))).click();
  await browser.pause(500);
  await browser.saveScreenshot('/tmp/batch-dialog-dark.png');
} finally {
  await browser.deleteSession();
  await driver.stop();
}
