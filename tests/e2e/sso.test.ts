// Signing in through the provider's own login page in Chromium. The provider is on "localhost"
// and the app on 127.0.0.1: two different sites, so the way back to the callback is a
// cross-site top-level navigation, exactly where a SameSite=Strict cookie is not sent. The
// login state therefore rides in its own Lax cookie; this test shows the whole round trip works
// and that the session cookie is still Strict.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_PROVIDER_IDS, startSsoPair, type SsoPair } from '../support/sso';
import { DEMO_PASSWORD, demoEmail } from '../support/server';
import { browserAvailable, type BrowserHandle, expectAccessible, launchBrowser } from '../support/browser';

describe.skipIf(!browserAvailable)('inloggen via de inlogdienst in de browser', () => {
  let pair: SsoPair;
  let handle: BrowserHandle;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    pair = await startSsoPair({ idpHostname: 'localhost' });
    handle = await launchBrowser();
  });

  afterAll(async () => {
    await handle?.close();
    await pair?.stop();
  });

  async function freshPage() {
    await context?.close();
    context = await handle.browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.on('console', (m) => {
      // The provider's own pages are not ours to police; the app's are.
      if (m.type() === 'error' && page.url().startsWith(pair.server.url)) errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
  }

  async function signInAtProvider(username: string) {
    await page.waitForURL((u) => u.hostname === 'localhost' && u.pathname.startsWith('/interaction/'));
    await page.getByLabel('Gebruikersnaam').fill(username);
    await page.getByLabel('Wachtwoord').fill('demo');
    await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
  }

  test('the login page offers the providers and password login, and is accessible', async () => {
    await freshPage();
    await page.goto(pair.server.url);
    await page.getByRole('link', { name: 'Inloggen met Gemeente Demo (SSO)' }).waitFor();
    await page.getByRole('link', { name: 'Inloggen met DigiD' }).waitFor();
    await page.getByLabel('E-mailadres').waitFor();
    await expectAccessible(page, 'inlogpagina met inlogdiensten');
  });

  test('signs in through the provider’s own login page and lands in the werkbak; the session cookie is Strict and the login state is gone', async () => {
    await page.getByRole('link', { name: 'Inloggen met Gemeente Demo (SSO)' }).click();
    await signInAtProvider('noor');
    await page.waitForURL((u) => u.origin === pair.server.url);
    await page.getByRole('heading', { name: 'Werkbak' }).waitFor();
    expect(await page.locator('.gebruiker').textContent()).toContain('Noor Jansen');
    const cookies = await context.cookies(pair.server.url);
    const session = cookies.find((c) => c.name === 'casustafel_sessie');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(cookies.some((c) => c.name.startsWith('casustafel_oidc_'))).toBe(false);
    await expectAccessible(page, 'werkbak na SSO');
  });

  test('logging out ends the session at the provider too and comes back to the login page', async () => {
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.waitForURL((u) => u.hostname === 'localhost');
    await page.getByRole('button', { name: 'Ja, uitloggen' }).click();
    await page.waitForURL((u) => u.origin === pair.server.url);
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('U bent uitgelogd, ook bij de inlogdienst.');
    expect(page.url()).toBe(`${pair.server.url}/`);
    // Both sessions are gone: the next SSO login asks for a password at the provider again.
    await page.getByRole('link', { name: 'Inloggen met Gemeente Demo (SSO)' }).click();
    await page.waitForURL((u) => u.hostname === 'localhost' && u.pathname.startsWith('/interaction/'));
  });

  test('a DigiD login below Substantieel is refused with a clear Dutch message', async () => {
    await freshPage();
    await page.goto(pair.server.url);
    await page.getByRole('link', { name: 'Inloggen met DigiD' }).click();
    await signInAtProvider('basis');
    await page.waitForURL((u) => u.origin === pair.server.url);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('DigiD op niveau Substantieel of hoger');
    expect(page.url()).toBe(`${pair.server.url}/`);
    await expectAccessible(page, 'inlogpagina met weigering');
  });

  test('an account without a known group waits for the administrator, who sets its functie and sees the admin page', async () => {
    await freshPage();
    await page.goto(pair.server.url);
    await page.getByRole('link', { name: 'Inloggen met Gemeente Demo (SSO)' }).click();
    await signInAtProvider('bram');
    await page.getByRole('heading', { name: 'Uw account wacht op de functioneel beheerder' }).waitFor();
    await expectAccessible(page, 'wachtpagina');

    await freshPage();
    await page.goto(pair.server.url);
    await page.getByLabel('E-mailadres').fill(demoEmail('beheer'));
    await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
    await page.getByRole('heading', { name: 'Gebruikersbeheer' }).waitFor();
    await page.getByLabel('Functie van Bram de Boer').selectOption('consulent_wmo');
    await expectAccessible(page, 'gebruikersbeheer met account zonder functie');
    await page.getByRole('button', { name: 'Functie instellen (Bram de Boer)' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Bram de Boer is nu Consulent Wmo');

    await page.getByRole('link', { name: 'Inloggen (SSO)' }).click();
    await page.getByRole('heading', { name: 'Inloggen', exact: true }).waitFor();
    await page.getByText(`${pair.server.url}/api/auth/oidc/${DEMO_PROVIDER_IDS.staff}/callback`).waitFor();
    await expectAccessible(page, 'beheerpagina inloggen');
  });

  test('no console errors on the app’s pages (besides the 401 of /api/auth/me before signing in)', () => {
    expect(errors.filter((e) => !e.includes('401')), errors.join('\n')).toEqual([]);
  });
});
