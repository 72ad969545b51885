// An encrypted portfolio in the real window: the passphrase is asked for at start, a wrong one
// is refused and changes nothing; then backups and the audit trail from the app.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import path from 'node:path';
import { ARTIFACTS, Driver, byTestId, tempDatabase } from '../driver.mjs';

let driver;
const targetDir = path.dirname(process.env.CROSSWALK_APP ?? '');
const cli = path.join(targetDir, 'crosswalk-cli');

before(async () => {
  driver = await Driver.start();
});

after(async () => {
  await driver?.stop();
});

test('unlock, back up, read the audit trail', async () => {
  const db = tempDatabase();
  execFileSync(cli, ['--db', db, 'demo']);
  execFileSync(cli, ['--db', db, 'passphrase', 'set'], { env: { ...process.env, CROSSWALK_NEW_PASSPHRASE: 'correct horse battery' } });
  const browser = await driver.open(db);
  try {
    const form = await browser.$(byTestId('unlock'));
    await form.waitForDisplayed({ timeout: 10_000 });
    await (await browser.$(byTestId('unlock-passphrase'))).setValue('wrong guess');
    await (await browser.$(byTestId('unlock-submit'))).click();
    const error = await browser.$(byTestId('unlock-error'));
    await error.waitForDisplayed({ timeout: 10_000 });
    assert.match(await error.getText(), /does not open this portfolio/);
    await browser.pause(300);
    await browser.saveScreenshot(path.join(ARTIFACTS, 'unlock.png'));

    await (await browser.$(byTestId('unlock-passphrase'))).setValue('correct horse battery');
    await (await browser.$(byTestId('unlock-submit'))).click();
    await browser.waitUntil(async () => (await browser.$$(byTestId('client-row'))).length >= 6, { timeout: 10_000 });

    await (await browser.$(byTestId('nav-settings'))).click();
    await (await browser.$(byTestId('backup-now'))).click();
    await browser.waitUntil(async () => /manual/.test(await (await browser.$(byTestId('backups'))).getText()), {
      timeout: 30_000,
      timeoutMsg: 'the manual backup is not listed',
    });
    assert.match(await (await browser.$(byTestId('backups'))).getText(), /encrypted/);

    // Change a client and find the change in its audit trail.
    await (await browser.$('a[href="#/"]')).click();
    await (await browser.$(`${byTestId('client-row')} a`)).click();
    await (await browser.$(byTestId('edit-client'))).click();
    await (await browser.$(byTestId('field-employees'))).setValue('999');
    await (await browser.$(byTestId('save-client'))).click();
    const trail = await browser.$(byTestId('audit-trail'));
    await trail.waitForDisplayed({ timeout: 10_000 });
    await browser.waitUntil(async () => /employees/.test(await trail.getText()), { timeout: 5_000 });
    assert.match(await trail.getText(), /999/);
  } finally {
    await driver.close(browser);
  }
});
