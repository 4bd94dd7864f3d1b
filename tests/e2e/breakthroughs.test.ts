// A breakthrough request in the browser: the procesregisseur files one on Gezin Verbeek that
// must go to the wethouder (kind "wet", € 60.000); the wethouder, not a member, finds it in her
// Postvak, reads the case through temporary access and grants it; the regisseur sees the
// decision in her Postvak and on the case. Every page passes axe without serious violations.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server';
import { browserAvailable, BrowserPeople, expectAccessible, shot } from '../support/browser';
import { userId } from '../support/db';
import { inDays } from '../support/time';

const CASE_TITLE = 'Gezin Verbeek';
const STUCK = 'Moeder kan de zorg voor de kinderen niet aan; vader helpt veel, maar dat zou een gezamenlijke huishouding betekenen en de uitkeringen stoppen.';
const PROPOSAL = 'Vader mag blijven zorgen zonder dat dit als gezamenlijke huishouding telt, met een nanny voor twee dagdelen per week.';

describe.skipIf(!browserAvailable)('doorbraakverzoek in de browser', () => {
  let server: TestServer;
  const people = new BrowserPeople();

  const section = (page: Page) => page.locator('section[aria-labelledby="doorbraken-kop"]');
  const request = (page: Page): Locator => section(page).locator('article.dbv-verzoek').first();

  beforeAll(async () => {
    server = await startTestServer();
    await people.launch(server.url);
  });

  afterAll(async () => {
    await people.close();
    await server?.stop();
  });

  test('the procesregisseur files a request that the routing sends to the wethouder', async () => {
    const page = await people.loginAs('procesregisseur');
    await page.getByRole('link', { name: CASE_TITLE, exact: true }).click();
    await page.getByRole('heading', { name: CASE_TITLE, level: 1 }).waitFor();
    await section(page).getByText('Er zijn nog geen doorbraakverzoeken.').waitFor();
    await section(page).locator('summary', { hasText: 'Doorbraakverzoek indienen' }).click();

    const form = page.locator('form.dbv-formulier');
    await form.getByLabel('Wat zit er vast').fill(STUCK);
    await form.getByLabel('Voorgestelde doorbraak').fill(PROPOSAL);
    await form.getByLabel('Vast sinds').fill(inDays(-90));
    await form.getByLabel('Soort doorbraak').selectOption('wet');
    await form.getByLabel('Participatiewet', { exact: true }).check();
    await form.getByLabel('Jeugdwet', { exact: true }).check();
    await form.getByLabel('Welke regels blokkeren').fill('Participatiewet art. 3 (gezamenlijke huishouding) en art. 22a (kostendelersnorm).');
    await form.getByLabel('Omschrijving interventie 1').fill('Ambulante jeugdhulp');
    await form.getByLabel('Bedrag interventie 1 (€ per jaar)').fill('14.000');
    await form.getByRole('button', { name: 'Interventie toevoegen' }).click();
    await form.getByLabel('Omschrijving interventie 2').fill('Crisisopvang moeder');
    await form.getByLabel('Bedrag interventie 2 (€ per jaar)').fill('38.500');
    await form.getByLabel('Omschrijving kostenpost 1').fill('Nanny, twee dagdelen per week');
    await form.getByLabel('Bedrag kostenpost 1 (€)').fill('21.000');
    await form.getByLabel('Soort kostenpost 1').selectOption('jaar');
    await form.getByLabel('Gevraagd budget (€)').fill('60.000');

    // The server says which mandate is needed, and offers who holds it.
    const holder = form.getByLabel('Mandaathouder');
    await expect.poll(() => holder.isEnabled()).toBe(true);
    await expect.poll(async () => (await form.textContent()) ?? '').toContain('Vereist mandaat: Wethouder');
    // The comparison, side by side, before anything is sent: € 52.500 a year against € 21.000.
    const preview = page.locator('form.dbv-formulier .dbv-verschil');
    await expect.poll(async () => (await preview.textContent())?.replace(/\s/g, ' ')).toContain('€ 31.500 besparing');
    await holder.selectOption(userId(server, 'wethouder'));
    await expectAccessible(page, 'formulier doorbraakverzoek (procesregisseur)');
    await shot(section(page), 'doorbraak-formulier');

    await form.getByRole('button', { name: 'Doorbraakverzoek indienen' }).click();
    await section(page).getByRole('status').filter({ hasText: 'voorgelegd aan Ingrid Maas' }).waitFor();
    const item = request(page);
    await expect.poll(() => item.textContent()).toContain('Wacht op besluit');
    expect(await item.textContent()).toContain('op het besluit van Ingrid Maas (wethouder)');
    expect(await item.locator('.dbv-verschil').textContent()).toMatch(/Verschil elk jaar daarna.*31\.500.*besparing/s);
    await expectAccessible(page, 'casuspagina met doorbraakverzoek (procesregisseur)');
  });

  test('the wethouder, not a member, finds it in her Postvak, reads the case and grants it', async () => {
    const page = await people.loginAs('wethouder');
    await page.getByRole('heading', { name: 'Werkbak', level: 1 }).waitFor();
    // Not a member: her werkbak does not list the case, her Postvak does.
    expect(await page.getByRole('link', { name: CASE_TITLE, exact: true }).count()).toBe(0);
    const nav = page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: /Postvak/ });
    await expect.poll(() => nav.textContent()).toContain('1');
    await nav.click();
    await page.getByRole('heading', { name: 'Postvak', level: 1 }).waitFor();
    const waiting = page.locator('section[aria-labelledby="postvak-besluit_nodig"]');
    await waiting.locator('.postvak-item').filter({ hasText: 'Een doorbraakverzoek wacht op uw besluit' }).waitFor();
    await expectAccessible(page, 'postvak (wethouder)');
    await shot(page, 'doorbraak-postvak-wethouder');

    await waiting.getByRole('link', { name: CASE_TITLE }).click();
    await page.getByRole('heading', { name: CASE_TITLE, level: 1 }).waitFor();
    await section(page).getByText('Tijdelijke inzage voor uw besluit over het doorbraakverzoek').waitFor();
    const item = request(page);
    await item.locator('.dbv-voor-u', { hasText: 'Aan u voorgelegd' }).waitFor();
    expect(await item.textContent()).toContain(PROPOSAL);
    await expectAccessible(page, 'casuspagina met tijdelijke inzage (wethouder)');

    await item.getByLabel('Toekennen', { exact: true }).check();
    await item.getByLabel('Voorwaarden').fill('Evaluatie na drie maanden met het gezin, de jeugdconsulent en de klantmanager.');
    await item.getByLabel('Toegekend budget (€)').fill('45.000');
    await item.getByLabel('Termijn tot en met').fill(inDays(120));
    await shot(item, 'doorbraak-besluit');
    await item.getByRole('button', { name: 'Besluit vastleggen' }).click();

    // Her access ended with the decision: she continues in the Postvak, with the confirmation.
    await page.getByRole('heading', { name: 'Postvak', level: 1 }).waitFor();
    const confirmation = page.getByRole('status').filter({ hasText: 'Het doorbraakverzoek is toegekend.' });
    await confirmation.waitFor();
    expect(await confirmation.textContent()).toContain('Uw tijdelijke inzage in Gezin Verbeek is daarmee beëindigd.');
    await expect.poll(() => page.locator('section[aria-labelledby="postvak-besluit_nodig"]').count()).toBe(0);
    await expectAccessible(page, 'postvak na het besluit (wethouder)');
  });

  test('the regisseur sees the decision in her Postvak and on the case', async () => {
    const page = await people.loginAs('casusregisseur');
    await page.getByRole('heading', { name: 'Werkbak', level: 1 }).waitFor();
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: /Postvak/ }).click();
    const decisions = page.locator('section[aria-labelledby="postvak-besluit_genomen"]');
    await decisions.locator('.postvak-item').filter({ hasText: 'toegekend door Ingrid Maas (wethouder)' }).waitFor();
    await expectAccessible(page, 'postvak (regisseur)');

    await decisions.getByRole('link', { name: CASE_TITLE }).click();
    await page.getByRole('heading', { name: CASE_TITLE, level: 1 }).waitFor();
    const item = request(page);
    await expect.poll(() => item.textContent()).toContain('Toegekend door Ingrid Maas (Wethouder)');
    const text = (await item.textContent())!.replace(/\s/g, ' ');
    expect(text).toContain('budget € 45.000');
    expect(text).toContain('Evaluatie na drie maanden');
    // The regisseur records the outcome after the term (not yet), and does not decide.
    expect(await item.getByRole('button', { name: 'Besluit vastleggen' }).count()).toBe(0);
    expect(await item.locator('summary', { hasText: 'Resultaat vastleggen' }).count()).toBe(0);
    expect(await item.locator('.dbv-na-termijn').textContent()).toMatch(/^Het resultaat wordt vastgelegd na de termijn, vanaf /);
    await expectAccessible(page, 'casuspagina met toegekende doorbraak (regisseur)');
    await shot(section(page), 'doorbraak-toegekend');
  });

  test('the functional administrator sets the routing on the Mandaten page, and it persists', async () => {
    const page = await people.loginAs('beheer');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Mandaten' }).click();
    const routing = page.locator('section[aria-labelledby="dbv-routering-kop"]');
    await routing.getByLabel('Directeur', { exact: true }).waitFor();
    expect(await routing.getByLabel('Teamleider', { exact: true }).inputValue()).toBe('10000');
    expect(await routing.getByLabel('Wethouder', { exact: true }).inputValue()).toBe('');
    // No menu item Postvak for the administrator: no case content.
    expect(await page.getByRole('link', { name: /Postvak/ }).count()).toBe(0);
    await routing.getByLabel('Directeur', { exact: true }).fill('75.000');
    await routing.getByLabel('Afwijken van een beleidsregel (Awb 4:84)').selectOption('directeur');
    await routing.getByRole('button', { name: 'Routering opslaan' }).click();
    await routing.getByRole('status').filter({ hasText: 'is opgeslagen' }).waitFor();
    await expectAccessible(page, 'mandatenbeheer met routering van doorbraakverzoeken');
    await page.reload();
    await expect.poll(() => routing.getByLabel('Directeur', { exact: true }).inputValue()).toBe('75000');
    expect(await routing.getByLabel('Afwijken van een beleidsregel (Awb 4:84)').inputValue()).toBe('directeur');
  });

  test('no console errors, and nothing blocked by the content security policy', () => {
    // 401: the login page asks who is logged in. 404: the wethouder's case page re-reads the
    // case once her access ended with her decision.
    expect(people.errors.filter((e) => !/status of 401|^wethouder: .*status of 404/.test(e))).toEqual([]);
  });
});
