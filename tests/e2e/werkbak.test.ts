// A user's first minutes: log in, see the werkbak, open a case and see who does what;
// every page passes axe-core's WCAG 2.1 AA rules without serious or critical violations.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, demoEmail, startTestServer, type TestServer } from '../support/server';
import { browserAvailable, type BrowserHandle, expectAccessible, launchBrowser } from '../support/browser';

// Skipped only when no Chromium is installed on a developer machine; browser.ts throws
// instead when CI=true or REQUIRE_BROWSER=1, so CI can never skip these.
describe.skipIf(!browserAvailable)('werkbak in de browser', () => {
  let server: TestServer;
  let handle: BrowserHandle;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    handle = await launchBrowser();
    page = await handle.browser.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
  });

  afterAll(async () => {
    await handle?.close();
    await server?.stop();
  });

  test('login page is in Dutch and accessible', async () => {
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Inloggen' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    await expectAccessible(page, 'inlogpagina');
  });

  test('a wrong password shows a Dutch error', async () => {
    await page.getByLabel('E-mailadres').fill(demoEmail('procesregisseur'));
    await page.getByLabel('Wachtwoord').fill('fout-wachtwoord-123');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('klopt niet');
  });

  test('logging in shows the werkbak with only member cases and the missing regisseur flagged', async () => {
    await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('heading', { name: 'Werkbak' }).waitFor();
    const rows = page.locator('table.tabel tbody tr');
    await expect.poll(() => rows.count()).toBe(2); // open cases only, by default
    const text = await page.locator('table.tabel').textContent();
    expect(text).toContain('Gezin Verbeek');
    expect(text).toContain('Gezin El Khatib');
    expect(text).not.toContain('De Graaf');
    expect(await page.locator('tr', { hasText: 'Gezin El Khatib' }).textContent()).toContain('Geen regisseur');
    await expectAccessible(page, 'werkbak');
  });

  test('opening a case shows its members panel', async () => {
    await page.getByRole('link', { name: 'Gezin Verbeek', exact: true }).click();
    await page.getByRole('heading', { name: 'Gezin Verbeek', level: 1 }).waitFor();
    await page.getByRole('heading', { name: /Wie doet wat/ }).waitFor();
    const members = page.locator('section[aria-labelledby="leden-kop"] table tbody tr');
    await expect.poll(() => members.count()).toBe(9);
    expect(await page.locator('tr', { hasText: 'Marieke de Vries' }).textContent()).toContain('Regisseur');
    expect(new URL(page.url()).pathname).toMatch(/^\/casussen\//);
    await expectAccessible(page, 'casuspagina');
  });

  test('the procesregisseur adds a member and assigns the regisseur in the case without one', async () => {
    await page.getByRole('link', { name: 'Werkbak' }).first().click();
    await page.getByRole('link', { name: 'Gezin El Khatib', exact: true }).click();
    await page.getByRole('heading', { name: 'Gezin El Khatib', level: 1 }).waitFor();
    expect(await page.locator('.melding-waarschuwing').textContent()).toContain('geen regisseur');

    await page.getByLabel('Zoek persoon of organisatie').fill('Willemsen');
    await expect.poll(() => page.locator('#kies-persoon option').count()).toBe(2);
    await page.getByLabel('Persoon', { exact: true }).selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Toevoegen' }).click();
    await page.getByRole('status').filter({ hasText: 'toegevoegd' }).waitFor();

    // One click only asks: a dialog with the focus on "Annuleren"; Escape or Annuleren change nothing.
    const makeRegisseur = page.getByRole('button', { name: 'Maak regisseur (Lotte Hendriks)' });
    const dialog = page.getByRole('alertdialog', { name: 'Lotte Hendriks regisseur maken?' });
    await makeRegisseur.click();
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Annuleren');
    await expectAccessible(page, 'bevestigen: regisseur maken');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Maak regisseur');
    await makeRegisseur.click();
    await dialog.getByRole('button', { name: 'Annuleren' }).click();
    await dialog.waitFor({ state: 'detached' });
    const caseId = new URL(page.url()).pathname.split('/')[2]!;
    const regisseur = () => page.evaluate(async (id) => (await (await fetch(`/api/cases/${id}`)).json()).regisseur, caseId);
    expect(await regisseur()).toBeNull();
    expect(await page.locator('.kenmerken').first().textContent()).toContain('Geen regisseur');

    await makeRegisseur.click();
    await dialog.getByRole('button', { name: 'Maak regisseur' }).click();
    await page.getByRole('status').filter({ hasText: 'is nu de regisseur' }).waitFor();
    expect((await regisseur()).name).toBe('Lotte Hendriks');
    expect(await page.locator('.kenmerken').first().textContent()).toContain('Lotte Hendriks');
    await expectAccessible(page, 'casuspagina na wijzigingen');
  });

  test('the change survives a reload and shows in the werkbak', async () => {
    await page.reload();
    await page.getByRole('heading', { name: 'Gezin El Khatib', level: 1 }).waitFor();
    expect(await page.locator('tr', { hasText: 'Sander Willemsen' }).count()).toBe(1);
    await page.getByRole('link', { name: 'Werkbak' }).first().click();
    await expect.poll(() => page.locator('tr', { hasText: 'Gezin El Khatib' }).textContent()).toContain('Lotte Hendriks');
  });

  test('logging out returns to the login page and the session is gone', async () => {
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.getByRole('heading', { name: 'Inloggen' }).waitFor();
    const status = await page.evaluate(async () => (await fetch('/api/cases')).status);
    expect(status).toBe(401);
    expect(consoleErrors.filter((e) => !e.includes('401'))).toEqual([]);
  });
});
