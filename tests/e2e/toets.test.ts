// The reverse test at the table, in two browsers: the regisseur and the klantmanager walk the
// stepper of one vraagstuk together (the step is shared), the klantmanager signs the
// Participatiewet verdict, the regisseur sees the signature appear without reloading, and an
// edit after signing shows "gewijzigd na ondertekening" to both until it is signed again.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server';
import { browserAvailable, BrowserPeople, expectAccessible, shot } from '../support/browser';
import { inDays } from '../support/time';

const CASE_TITLE = 'Gezin Verbeek';
const VRAAGSTUK = 'Stabiele psychische gezondheid moeder';
const SOLUTION = 'Begeleiding bij de behandeling van moeder, aandacht voor de kinderen via de KOPP-groep; vader blijft betrokken.';
const REASONING = 'Een stap richting activering; moeder kan pas aan werk denken als zij stabiel is.';

describe.skipIf(!browserAvailable)('omgekeerde toets in de browser', () => {
  let server: TestServer;
  const people = new BrowserPeople();
  let regisseur: Page;
  let klantmanager: Page;

  const openCaseAs = (key: string) => people.openCaseAs(key, CASE_TITLE, (page) => section(page).locator('.vraagstukken, .leeg').first().waitFor());
  const section = (page: Page) => page.locator('section[aria-labelledby="toets-kop"]');
  const vraagstuk = (page: Page): Locator => section(page).locator('li.vraagstuk').filter({ hasText: VRAAGSTUK });
  const stepButton = (page: Page, name: string) => vraagstuk(page).getByRole('navigation').getByRole('button', { name: new RegExp(name) });
  const pwet = (page: Page): Locator => vraagstuk(page).locator('article.oordeel').filter({ has: page.getByRole('heading', { name: 'Participatiewet', exact: true }) });

  /** Types at the end of a live editor, like a person would. */
  async function typeIn(page: Page, name: string, text: string) {
    const box = vraagstuk(page).getByRole('textbox', { name });
    await box.click();
    await page.keyboard.press('End');
    await page.keyboard.type(text);
  }

  beforeAll(async () => {
    server = await startTestServer();
    await people.launch(server.url);
    regisseur = await openCaseAs('casusregisseur');
    klantmanager = await openCaseAs('klantmanager');
  });

  afterAll(async () => {
    await people.close();
    await server?.stop();
  });

  test('the regisseur opens a vraagstuk; it appears for the klantmanager without reloading', async () => {
    await section(regisseur).getByLabel('Nieuw vraagstuk').fill(VRAAGSTUK);
    await section(regisseur).getByRole('button', { name: 'Vraagstuk openen' }).click();
    // The opener's stepper opens at step 1.
    await expect.poll(() => stepButton(regisseur, 'Behoefte').getAttribute('aria-current')).toBe('step');
    await vraagstuk(klantmanager).waitFor();
    expect(await vraagstuk(klantmanager).textContent()).toContain('0 van 3 wetten actueel ondertekend');
    await vraagstuk(klantmanager).getByRole('button', { name: /Openen/ }).click();
    await expect.poll(() => stepButton(klantmanager, 'Behoefte').getAttribute('aria-current')).toBe('step');
  });

  test('the step is shared: when the regisseur moves on, the klantmanager is on the same step', async () => {
    await stepButton(regisseur, 'Oplossing').click();
    await expect.poll(() => stepButton(klantmanager, 'Oplossing').getAttribute('aria-current')).toBe('step');
    await typeIn(regisseur, 'Wat zou helpen', SOLUTION);
    await expect.poll(() => vraagstuk(klantmanager).getByRole('textbox', { name: 'Wat zou helpen' }).textContent()).toContain(SOLUTION);
    await stepButton(klantmanager, 'Bedoeling per wet').click();
    await expect.poll(() => stepButton(regisseur, 'Bedoeling per wet').getAttribute('aria-current')).toBe('step');
    // The catalogue beside the step shows each law's purpose.
    expect(await vraagstuk(regisseur).locator('aside.catalogus-naast').textContent()).toContain('financieel vangnet');
  });

  test('the klantmanager signs the Participatiewet; the regisseur sees the signature appear live', async () => {
    // Only the klantmanager answers for the Participatiewet: the regisseur has no sign button there.
    expect(await pwet(regisseur).getByRole('button', { name: /Ondertekenen/ }).count()).toBe(0);
    await pwet(klantmanager).getByLabel('Past deels').check();
    await typeIn(klantmanager, 'Motivering Participatiewet', REASONING);
    await expect.poll(() => pwet(regisseur).getByRole('textbox', { name: 'Motivering Participatiewet' }).textContent()).toContain(REASONING);
    expect(await pwet(regisseur).getByLabel('Past deels').isChecked()).toBe(true);
    await pwet(klantmanager).getByRole('button', { name: 'Ondertekenen (Participatiewet)' }).click();
    await expect.poll(() => pwet(klantmanager).locator('.ondertekening').textContent()).toContain('Ondertekend: „Past deels”, door Sander Willemsen');
    await expect.poll(() => pwet(regisseur).locator('.ondertekening').textContent(), { timeout: 10_000 }).toContain('Ondertekend: „Past deels”, door Sander Willemsen');
    await shot(vraagstuk(regisseur), 'toets-ondertekend');
    await expectAccessible(regisseur, 'stap 3 na ondertekenen');
  });

  test('an edit after signing shows "gewijzigd na ondertekening" to both, until it is signed again', async () => {
    await typeIn(regisseur, 'Motivering Participatiewet', ' Aangevuld door de regisseur.');
    await expect.poll(() => pwet(regisseur).locator('.ondertekening').textContent()).toContain('Gewijzigd na ondertekening');
    await expect.poll(() => pwet(klantmanager).locator('.ondertekening').textContent()).toContain('Gewijzigd na ondertekening: de motivering');
    await shot(pwet(klantmanager), 'toets-gewijzigd');
    await pwet(klantmanager).getByRole('button', { name: 'Opnieuw ondertekenen (Participatiewet)' }).click();
    await expect.poll(() => pwet(regisseur).locator('.ondertekening').textContent(), { timeout: 10_000 }).toContain('Ondertekend: „Past deels”');
    await expectAccessible(klantmanager, 'stap 3 na opnieuw ondertekenen');
  });

  test('from step 5 the klantmanager proposes a deviation with the law and the cited rule filled in; it supports the vraagstuk at once, for both', async () => {
    await stepButton(klantmanager, 'Juridische toets').click();
    await expect.poll(() => stepButton(regisseur, 'Juridische toets').getAttribute('aria-current')).toBe('step');
    // Cite the Participatiewet's first article: the proposal takes it as the rule departed from.
    const article = vraagstuk(klantmanager).locator('.aangehaald-wet').filter({ hasText: 'Participatiewet' }).getByRole('checkbox').first();
    await article.check();
    const cited = (await vraagstuk(klantmanager).locator('.aangehaald-wet').filter({ hasText: 'Participatiewet' }).locator('label').first().textContent())!.trim();
    const ref = /^art\. (\S+)/.exec(cited)![1]!;

    const relied = vraagstuk(klantmanager).locator('fieldset.steunt-op');
    await relied.locator('summary', { hasText: 'Afwijking voorstellen' }).click();
    // Participatiewet: the law whose verdict says "past deels" (signed above); the rule from the citation.
    expect(await relied.getByLabel('Wet', { exact: true }).inputValue()).toBe('participatiewet');
    // The citation travels through the live draft; the form takes it up as it arrives.
    await expect.poll(() => relied.getByLabel('Regel waarvan wordt afgeweken').inputValue()).toContain(`Participatiewet art. ${ref}`);
    await relied.getByLabel('Route', { exact: true }).selectOption('awb_4_84');
    await relied.getByLabel('Wat er wel gebeurt').fill('Vader blijft betrokken: hij kookt en helpt bij het naar bed brengen.');
    await relied.getByLabel('Wat er niet gebeurt').fill('Geen heronderzoek naar de woonsituatie zolang het plan loopt.');
    await relied.getByLabel('Motivering').fill('Vader brengt stabiliteit; evenredig en tijdelijk, herbeoordeeld met het plan.');
    await relied.getByLabel('Einddatum').fill(inDays(180));
    await relied.getByLabel('Herbeoordelen op').fill(inDays(90));
    await relied.getByRole('button', { name: 'Voorstel indienen' }).click();

    // It shows in step 5 as relied on, for the proposer and the regisseur, without anyone reloading.
    for (const page of [klantmanager, regisseur]) {
      const box = vraagstuk(page).locator('fieldset.steunt-op').getByRole('checkbox', { name: new RegExp(`Participatiewet art\\. ${ref.replace('.', '\\.')}.*voorgesteld`) });
      await expect.poll(() => box.isChecked(), { timeout: 10_000 }).toBe(true);
    }
    await expectAccessible(klantmanager, 'stap 5 met voorstel vanuit de toets');
  });

  test('step 6 explains what still blocks a conclusion', async () => {
    await stepButton(regisseur, 'Besluit').click();
    await expect.poll(() => stepButton(klantmanager, 'Besluit').getAttribute('aria-current')).toBe('step');
    const blockers = vraagstuk(regisseur).locator('.besluiten .melding-waarschuwing');
    await expect.poll(() => blockers.textContent()).toContain('Nog geen ondertekend oordeel voor: Wmo 2015, Jeugdwet');
    // Only the regisseur or procesregisseur concludes.
    expect(await vraagstuk(klantmanager).getByRole('button', { name: 'Besluit vastleggen' }).count()).toBe(0);
    await expectAccessible(regisseur, 'stap 6');
  });

  test('when the chair opens a vraagstuk, the klantmanager is offered to follow, and lands on the same step', async () => {
    const toggle = (page: Page) => vraagstuk(page).locator('.vraagstuk-kop').getByRole('button', { name: /Openen|Sluiten/ });
    await toggle(klantmanager).click();
    await toggle(regisseur).click();
    await expect.poll(() => toggle(klantmanager).getAttribute('aria-expanded')).toBe('false');
    const offer = section(klantmanager).locator('.volg-voorzitter');
    expect(await offer.count()).toBe(0);

    await toggle(regisseur).click();
    await offer.getByRole('status').filter({ hasText: `Marieke de Vries (voorzitter) heeft het vraagstuk „${VRAAGSTUK}” geopend.` }).waitFor();
    await expectAccessible(klantmanager, 'aanbod om de voorzitter te volgen');
    await offer.getByRole('button', { name: `Volg de voorzitter naar „${VRAAGSTUK}”` }).click();
    await expect.poll(() => stepButton(klantmanager, 'Besluit').getAttribute('aria-current')).toBe('step');
    await expect.poll(() => offer.count()).toBe(0);
    // The chair is never offered to follow someone else.
    expect(await section(regisseur).locator('.volg-voorzitter').count()).toBe(0);
    // The login page asks who is logged in before anyone is: that one 401 is expected.
    expect(people.errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
  });
});
