// Deactivating an account locks the person out at once, so one click only asks: an accessible
// dialog (no window.confirm) where Annuleren and Escape leave the account as it was and only
// "Deactiveren" does it. Activating again needs no confirmation.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { ApiClient, demoAccounts, demoEmail, startTestServer, type TestServer } from '../support/server';
import { browserAvailable, BrowserPeople, expectAccessible } from '../support/browser';

describe.skipIf(!browserAvailable)('gebruikersbeheer in de browser', () => {
  let server: TestServer;
  const people = new BrowserPeople();
  const { as } = demoAccounts(() => server);
  let page: Page;

  const active = async (name: string) => ((await (await as('beheer')).get('/api/admin/users')).body as { name: string; active: boolean }[]).find((u) => u.name === name)!.active;
  const row = (name: string) => page.locator('tr', { hasText: name });

  beforeAll(async () => {
    server = await startTestServer();
    await people.launch(server.url);
    page = await people.loginAs('beheer');
    await page.getByRole('heading', { name: 'Gebruikersbeheer', level: 1 }).waitFor();
  });

  afterAll(async () => {
    await people.close();
    await server?.stop();
  });

  test('cancelling the confirmation leaves the account active', async () => {
    const dialog = page.getByRole('alertdialog', { name: 'Account van Hanna Bos deactiveren?' });
    await page.getByRole('button', { name: 'Deactiveren (Hanna Bos)' }).click();
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('kan daarna niet meer inloggen');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Annuleren');
    await expectAccessible(page, 'bevestigen: account deactiveren');
    await dialog.getByRole('button', { name: 'Annuleren' }).click();
    await dialog.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Deactiveren (Hanna Bos)' }).click();
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    expect(await active('Hanna Bos')).toBe(true);
    expect(await row('Hanna Bos').textContent()).toContain('Actief');
    expect((await new ApiClient(server.url).login(demoEmail('gedragsdeskundige'))).status).toBe(200);
  });

  test('confirming deactivates the account; activating again needs no confirmation', async () => {
    await page.getByRole('button', { name: 'Deactiveren (Hanna Bos)' }).click();
    await page.getByRole('alertdialog', { name: 'Account van Hanna Bos deactiveren?' }).getByRole('button', { name: 'Deactiveren' }).click();
    await page.getByRole('status').filter({ hasText: 'Hanna Bos is gedeactiveerd' }).waitFor();
    expect(await active('Hanna Bos')).toBe(false);
    await expect.poll(() => row('Hanna Bos').textContent()).toContain('Gedeactiveerd');
    expect((await new ApiClient(server.url).login(demoEmail('gedragsdeskundige'))).status).not.toBe(200);

    await page.getByRole('button', { name: 'Activeren (Hanna Bos)' }).click();
    await page.getByRole('status').filter({ hasText: 'Hanna Bos is weer actief' }).waitFor();
    expect(await page.getByRole('alertdialog').count()).toBe(0);
    expect(await active('Hanna Bos')).toBe(true);
    expect(people.errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
  });
});
