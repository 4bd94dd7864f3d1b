// The municipality's own catalogue in the browser: the functional administrator opens "Wetten en
// artikelen", adds a Wmo hardheidsclausule, records a new wording (the old one stays in the
// history as replaced), sets who gives a law's verdict; other users do not get the page.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server';
import { browserAvailable, BrowserPeople, expectAccessible, shot } from '../support/browser';
import { inDays } from '../support/time';

const TITLE = 'Afwijken bij overbelaste mantelzorg';
const OLD_TEXT = 'Het college kan afwijken van artikel 2.3 als de mantelzorger anders overbelast raakt.';
const NEW_TEXT = 'Het college kan afwijken van artikel 2.3 als de mantelzorger anders overbelast raakt; het college vraagt daarbij advies aan de procesregisseur.';

describe.skipIf(!browserAvailable)('wetten en artikelen in de browser', () => {
  let server: TestServer;
  const people = new BrowserPeople();
  let admin: Page;

  const card = (page: Page, text: string): Locator => page.locator('article.cat-artikel').filter({ hasText: text });
  const addForm = (page: Page) => page.getByRole('form', { name: 'Lokaal artikel toevoegen' });

  async function openAddForm(page: Page) {
    if (!(await addForm(page).isVisible())) await page.locator('summary', { hasText: 'Lokaal artikel toevoegen' }).click();
    await addForm(page).getByLabel('Wet', { exact: true }).waitFor();
  }

  async function fillArticle(page: Page, a: { from: string; until?: string }) {
    const form = addForm(page);
    await form.getByLabel('Wet', { exact: true }).selectOption('wmo');
    await form.getByLabel('Regeling').fill('Verordening maatschappelijke ondersteuning Zuiderhaven 2025');
    await form.getByLabel('Artikel', { exact: true }).fill('2.12');
    await form.getByRole('group', { name: 'Soort' }).getByLabel('Hardheidsclausule').check();
    await form.getByLabel('Titel').fill(TITLE);
    await form.getByLabel('Tekst').fill(OLD_TEXT);
    await form.getByLabel('Geldig vanaf').fill(a.from);
    await form.getByLabel('Geldig tot en met (optioneel)').fill(a.until ?? '');
  }

  beforeAll(async () => {
    server = await startTestServer();
    await people.launch(server.url);
    admin = await people.loginAs('beheer');
  });

  afterAll(async () => {
    await people.close();
    await server?.stop();
  });

  test('the administrator opens "Wetten en artikelen" from the menu and sees the responsibilities and the demo articles with their history', async () => {
    await admin.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Wetten en artikelen' }).click();
    await admin.getByRole('heading', { name: 'Wetten en artikelen', level: 1 }).waitFor();
    expect(new URL(admin.url()).pathname).toBe('/beheer/wetten');
    expect(await admin.getByLabel('Rol die het oordeel geeft voor Wmo 2015').inputValue()).toBe('consulent_wmo');
    expect(await admin.getByLabel('Rol die het oordeel geeft voor Algemene wet bestuursrecht').inputValue()).toBe('');
    const demo = card(admin, 'Verordening maatschappelijke ondersteuning Zuiderhaven 2025, art. 2.8');
    await demo.waitFor();
    expect(await demo.locator('.cat-artikel-kop .cat-status').textContent()).toBe('Geldend');
    expect(await demo.locator('summary').textContent()).toContain('Geschiedenis (2 versies)');
    await expectAccessible(admin, 'wetten en artikelen');
  });

  test('an end date before the start date is refused in Dutch, next to the field, and nothing is added', async () => {
    await openAddForm(admin);
    await fillArticle(admin, { from: inDays(-30), until: inDays(-31) });
    await addForm(admin).getByRole('button', { name: 'Artikel toevoegen' }).click();
    const alert = addForm(admin).getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('De einddatum ligt vóór de ingangsdatum.');
    expect(await alert.textContent()).toContain('Geldig tot en met (optioneel):');
    expect(await alert.textContent()).not.toContain('validUntil');
    const until = addForm(admin).getByLabel('Geldig tot en met (optioneel)');
    expect(await until.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => until.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await card(admin, TITLE).count()).toBe(0);
    await expectAccessible(admin, 'formulier met fout');
    await shot(admin.locator('details.paneel', { has: addForm(admin) }), 'catalogus-formulierfout');
  });

  test('adds a Wmo hardheidsclausule with an effective date and sees it listed as current', async () => {
    await openAddForm(admin);
    await fillArticle(admin, { from: inDays(-30) });
    await addForm(admin).getByRole('button', { name: 'Artikel toevoegen' }).click();
    await admin.getByRole('status').filter({ hasText: `Toegevoegd: art. 2.12 ${TITLE} (Wmo 2015)` }).waitFor();
    const it = card(admin, TITLE);
    await it.waitFor();
    // Listed under the Wmo.
    expect(await admin.locator('section.cat-wet', { has: admin.getByRole('heading', { name: 'Wmo 2015', level: 3 }) }).locator('article.cat-artikel').filter({ hasText: TITLE }).count()).toBe(1);
    expect(await it.getByRole('heading', { level: 4 }).textContent()).toBe(`Verordening maatschappelijke ondersteuning Zuiderhaven 2025, art. 2.12: ${TITLE}`);
    expect(await it.locator('.cat-artikel-kop .cat-status').textContent()).toBe('Geldend');
    expect(await it.textContent()).toContain('Hardheidsclausule');
    expect(await it.textContent()).toContain(OLD_TEXT);
    // The form closed.
    expect(await addForm(admin).isVisible()).toBe(false);
  });

  test('records a new wording: the new text is current, the old one stays in the history as replaced', async () => {
    const it = card(admin, TITLE);
    await it.getByRole('button', { name: `Nieuwe tekst voor art. 2.12 (${TITLE})` }).click();
    const form = it.getByRole('form', { name: 'Nieuwe tekst voor artikel 2.12' });
    // Prefilled with the current wording; the start date defaults to today.
    expect(await form.getByLabel('Tekst').inputValue()).toBe(OLD_TEXT);
    expect(await form.getByLabel('Titel').inputValue()).toBe(TITLE);
    await form.getByLabel('Tekst').fill(NEW_TEXT);
    await expectAccessible(admin, 'formulier nieuwe tekst');
    await form.getByRole('button', { name: 'Nieuwe tekst vastleggen' }).click();
    await admin.getByRole('status').filter({ hasText: 'Nieuwe tekst van art. 2.12 vastgelegd.' }).waitFor();

    await expect.poll(() => it.locator(':scope > .cat-tekst').textContent()).toBe(NEW_TEXT);
    expect(await it.locator('.cat-artikel-kop .cat-status').textContent()).toBe('Geldend');
    await it.locator('summary', { hasText: 'Geschiedenis (2 versies)' }).click();
    const versions = it.locator('li.cat-versie');
    expect(await versions.count()).toBe(2);
    // Newest first: the new text (current), then the old one, replaced as of today.
    expect(await versions.nth(0).textContent()).toContain('Nieuwe tekst');
    expect(await versions.nth(0).locator('.cat-status').textContent()).toBe('Geldend');
    expect(await versions.nth(1).textContent()).toContain(OLD_TEXT);
    expect(await versions.nth(1).locator('.cat-status').textContent()).toMatch(/^Vervangen per /);
    expect(await versions.nth(1).textContent()).toContain('vastgelegd door Tom Kuipers');
    await expectAccessible(admin, 'geschiedenis van een artikel');
    await shot(it, 'catalogus-artikel-geschiedenis');
  });

  test('ends the article: same text with an end date, recorded as a third version', async () => {
    const it = card(admin, TITLE);
    await it.getByRole('button', { name: `Beëindigen art. 2.12 (${TITLE})` }).click();
    const form = it.getByRole('form', { name: 'Artikel 2.12 beëindigen' });
    await form.getByLabel('Laatste dag waarop het artikel geldt').fill(inDays(60));
    await form.getByRole('button', { name: 'Einddatum vastleggen' }).click();
    await admin.getByRole('status').filter({ hasText: 'Einddatum van art. 2.12 vastgelegd.' }).waitFor();
    await expect.poll(() => it.locator(':scope > .klein').textContent()).toContain('tot en met');
    expect(await it.locator(':scope > .cat-tekst').textContent()).toBe(NEW_TEXT);
    expect(await it.locator('.cat-artikel-kop .cat-status').textContent()).toBe('Geldend');
    const summary = it.locator('summary', { hasText: 'Geschiedenis (3 versies)' });
    await summary.waitFor();
    if ((await it.locator('details.cat-geschiedenis').getAttribute('open')) === null) await summary.click();
    const versions = it.locator('li.cat-versie');
    expect(await versions.nth(0).textContent()).toContain('Einddatum vastgelegd');
    expect(await versions.nth(1).locator('.cat-status').textContent()).toBe('Vervangen door een versie met einddatum');
  });

  test('sets who gives the verdict for a law, and it persists', async () => {
    const select = admin.getByLabel('Rol die het oordeel geeft voor Wet inburgering 2021');
    expect(await select.inputValue()).toBe('consulent_inburgering');
    await select.selectOption('casusregisseur');
    await admin.getByRole('status').filter({ hasText: 'Opgeslagen: voor de Wet inburgering 2021 geeft nu de casusregisseur het oordeel.' }).waitFor();
    await admin.reload();
    await admin.getByRole('heading', { name: 'Wetten en artikelen', level: 1 }).waitFor();
    await expect.poll(() => admin.getByLabel('Rol die het oordeel geeft voor Wet inburgering 2021').inputValue()).toBe('casusregisseur');
    expect(await admin.locator('tr', { hasText: 'Wet inburgering 2021' }).textContent()).toContain('(afwijkend ingesteld)');
    // The new wording survived the reload too.
    await card(admin, TITLE).waitFor();
    expect(await card(admin, TITLE).textContent()).toContain(NEW_TEXT);
    await expectAccessible(admin, 'wetten en artikelen na wijzigingen');
    await shot(admin, 'catalogus');
  });

  test('other users have no menu item, and the address shows "Geen toegang"', async () => {
    const km = await people.loginAs('klantmanager');
    await km.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Werkbak' }).waitFor();
    expect(await km.getByRole('link', { name: 'Wetten en artikelen' }).count()).toBe(0);
    await km.goto(`${server.url}/beheer/wetten`);
    await km.getByRole('heading', { name: 'Geen toegang', level: 1 }).waitFor();
  });

  test('no console errors, and nothing blocked by the content security policy', () => {
    // The login page's first session check answers 401, and the refused article (end date before
    // start date) 400, as they should; the browser logs both.
    expect(people.errors.filter((e) => !/status of 401|^beheer: .*status of 400/.test(e))).toEqual([]);
  });
});
