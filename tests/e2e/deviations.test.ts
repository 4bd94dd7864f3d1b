// The deviation register in the browser: the klantmanager proposes the internal deviation from
// the worked example, the teamleider approves it under his mandate and everyone at the table sees
// that backing (rugdekking), the external partner never sees it, and the functional
// administrator sets which mandate level approves what.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server';
import { browserAvailable, BrowserPeople, expectAccessible, shot } from '../support/browser';
import { inDays } from '../support/time';

const CASE_TITLE = 'Gezin Verbeek';
// The agreed deviation of the worked example (domain.md): fraud-relevant, so internal.
const RULE = 'Art. 3 Participatiewet (gezamenlijke huishouding)';
const WILL_NOT_DO = 'Het vermoeden van een gezamenlijke huishouding wordt tijdens de looptijd van het plan niet actief opgepakt.';
const REASONING =
  'Vader brengt stabiliteit voor de kinderen en draagt bij aan het gedeelde doel: een stabiele psychische gezondheid van moeder. ' +
  'Actief onderzoek zou dat doel nu ondermijnen; dat weegt zwaarder dan het financiële belang (evenredigheid, Awb 3:4 lid 2).';

interface Proposal {
  law: string;
  rule: string;
  route: string;
  willDo: string;
  willNotDo: string;
  reasoning: string;
  start: string;
  end: string;
  review: string;
  internal: boolean;
}

const WORKED_EXAMPLE: Proposal = {
  law: 'participatiewet',
  rule: RULE,
  route: 'awb_4_84',
  willDo: 'Vader blijft betrokken bij de zorg: hij kookt, helpt bij het naar bed brengen en blijft soms slapen. Beide ouders houden hun eigen uitkering.',
  willNotDo: WILL_NOT_DO,
  reasoning: REASONING,
  start: inDays(0),
  end: inDays(120),
  review: inDays(60),
  internal: true,
};

describe.skipIf(!browserAvailable)('afwijkingenregister in de browser', () => {
  let server: TestServer;
  const people = new BrowserPeople();
  let klantmanager: Page;
  let teamleider: Page;

  const openCaseAs = (key: string) => people.openCaseAs(key, CASE_TITLE, registerLoaded);
  const register = (page: Page) => page.locator('section[aria-labelledby="afwijkingen-kop"]');
  const item = (page: Page, text: string): Locator => register(page).locator('article.afwijking').filter({ hasText: text });
  const registerLoaded = (page: Page) => register(page).locator('.afwijkingen-lijst, .leeg').first().waitFor();

  async function openForm(page: Page) {
    if ((await page.locator('details.voorstellen').getAttribute('open')) === null) await page.locator('summary', { hasText: 'Afwijking voorstellen' }).click();
    await page.getByLabel('Wet', { exact: true }).waitFor();
  }

  async function fillProposal(page: Page, p: Proposal) {
    await openForm(page);
    await page.getByLabel('Wet', { exact: true }).selectOption(p.law);
    await page.getByLabel('Regel waarvan wordt afgeweken').fill(p.rule);
    await page.getByLabel('Route', { exact: true }).selectOption(p.route);
    await page.getByLabel('Wat er wel gebeurt').fill(p.willDo);
    await page.getByLabel('Wat er niet gebeurt').fill(p.willNotDo);
    await page.getByLabel('Motivering').fill(p.reasoning);
    await page.getByLabel('Ingangsdatum').fill(p.start);
    await page.getByLabel('Einddatum').fill(p.end);
    await page.getByLabel('Herbeoordelen op').fill(p.review);
    await page.getByLabel('Intern (nooit zichtbaar voor externe partners en het huishouden)').setChecked(p.internal);
  }

  beforeAll(async () => {
    server = await startTestServer();
    await people.launch(server.url);
    klantmanager = await openCaseAs('klantmanager');
  });

  afterAll(async () => {
    await people.close();
    await server?.stop();
  });

  test('the case page has an empty register and, for the klantmanager, a form to propose a deviation', async () => {
    await register(klantmanager).getByRole('heading', { name: 'Afwijkingen', level: 2 }).waitFor();
    expect(await register(klantmanager).textContent()).toContain('Er zijn nog geen afwijkingen vastgelegd.');
    await openForm(klantmanager);
    // The route explanation is asked for only when the route is "anders".
    expect(await klantmanager.getByLabel('Toelichting route').count()).toBe(0);
    await klantmanager.getByLabel('Route', { exact: true }).selectOption('anders');
    await klantmanager.getByLabel('Toelichting route').waitFor();
    await klantmanager.getByLabel('Route', { exact: true }).selectOption('awb_4_84');
    expect(await klantmanager.getByLabel('Toelichting route').count()).toBe(0);
    expect(await klantmanager.getByLabel('Intern (nooit zichtbaar voor externe partners en het huishouden)').isChecked()).toBe(false);
  });

  test('an end date before the start date is refused in Dutch, next to the field', async () => {
    await fillProposal(klantmanager, { ...WORKED_EXAMPLE, start: inDays(10), end: inDays(5), review: inDays(5) });
    await klantmanager.getByRole('button', { name: 'Voorstel indienen' }).click();
    const alert = register(klantmanager).getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('De einddatum ligt vóór de begindatum.');
    expect(await alert.textContent()).toContain('Einddatum:');
    expect(await alert.textContent()).not.toContain('endDate');
    const end = klantmanager.getByLabel('Einddatum');
    expect(await end.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => end.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await register(klantmanager).locator('article.afwijking').count()).toBe(0);
    await shot(klantmanager.locator('details.voorstellen'), 'afwijking-formulierfout');
  });

  test('the klantmanager proposes the internal deviation from the worked example', async () => {
    await fillProposal(klantmanager, WORKED_EXAMPLE);
    await klantmanager.getByRole('button', { name: 'Voorstel indienen' }).click();
    await register(klantmanager).getByRole('status').filter({ hasText: 'De afwijking is voorgesteld (intern)' }).waitFor();
    const it = item(klantmanager, WILL_NOT_DO);
    const text = await it.textContent();
    expect(await it.getByRole('heading', { level: 3 }).textContent()).toBe(RULE);
    expect(text).toContain('Participatiewet');
    expect(text).toContain('Voorgesteld');
    expect(text).toContain('Intern');
    expect(text).toContain('Awb 4:84 (afwijken van een beleidsregel)');
    expect(text).toContain('Vereist mandaat: Teamleider');
    expect(text).toContain('Voorgesteld door Sander Willemsen');
    // Four eyes: the proposer cannot approve their own proposal, but can withdraw it.
    expect(await it.getByRole('button', { name: 'Goedkeuren' }).count()).toBe(0);
    expect(await it.getByRole('button', { name: 'Intrekken' }).count()).toBe(1);
    // The form closed and starts empty again.
    expect(await klantmanager.locator('details.voorstellen').getAttribute('open')).toBeNull();
  });

  test('the teamleider opens the case and approves it under his mandate', async () => {
    teamleider = await openCaseAs('teamleider');
    const it = item(teamleider, WILL_NOT_DO);
    expect(await it.textContent()).toContain('Vereist mandaat: Teamleider');
    // A read member without propose rights: no form.
    expect(await teamleider.locator('details.voorstellen').count()).toBe(0);
    await shot(it, 'afwijking-voorgesteld');
    await it.getByRole('button', { name: 'Goedkeuren' }).click();
    // The note field takes focus; the decision is confirmed in a second step.
    const note = teamleider.getByLabel('Toelichting bij de goedkeuring (optioneel)');
    await expect.poll(() => note.evaluate((el) => el === document.activeElement)).toBe(true);
    await note.fill('Besproken in het casusoverleg.');
    await it.getByRole('button', { name: 'Goedkeuring vastleggen' }).click();
    await register(teamleider).getByRole('status').filter({ hasText: 'De afwijking is goedgekeurd.' }).waitFor();
    const text = await it.textContent();
    expect(text).toContain('Goedgekeurd door Ruud Smeets (Teamleider)');
    expect(text).toContain('Toelichting: Besproken in het casusoverleg.');
    expect(text).not.toContain('Vereist mandaat');
    expect(await it.getByRole('button', { name: 'Goedkeuren' }).count()).toBe(0);
    await expectAccessible(teamleider, 'casuspagina met goedgekeurde afwijking (teamleider)');
  });

  test('the klantmanager reloads and sees the backing: who approved, under which mandate, when', async () => {
    await klantmanager.reload();
    await klantmanager.getByRole('heading', { name: CASE_TITLE, level: 1 }).waitFor();
    await registerLoaded(klantmanager);
    const it = item(klantmanager, WILL_NOT_DO);
    const text = await it.textContent();
    expect(text).toContain('Goedgekeurd door Ruud Smeets (Teamleider)');
    expect(await it.locator('.afw-status').textContent()).toContain('Goedgekeurd');
    expect(text).not.toContain('Herbeoordeling verlopen');
    await expectAccessible(klantmanager, 'casuspagina met afwijkingenregister (klantmanager)');
    await it.scrollIntoViewIfNeeded();
    await shot(it, 'afwijking-goedgekeurd');
    await openForm(klantmanager);
    await shot(register(klantmanager), 'afwijkingenregister');
  });

  test('rejecting needs a reason; the rejection shows who decided and why', async () => {
    await fillProposal(klantmanager, {
      law: 'wmo',
      rule: 'Beleidsregel Wmo: maximaal drie uur huishoudelijke ondersteuning per week',
      route: 'hardheidsclausule',
      willDo: 'Vijf uur huishoudelijke ondersteuning per week zolang moeder in behandeling is.',
      willNotDo: 'Geen herindicatie tijdens de behandeling.',
      reasoning: 'Moeder kan de zorg voor het huishouden en de kinderen tijdelijk niet aan; meer hulp voorkomt uithuisplaatsing.',
      start: inDays(0),
      end: inDays(90),
      review: inDays(45),
      internal: false,
    });
    await klantmanager.getByRole('button', { name: 'Voorstel indienen' }).click();
    await item(klantmanager, 'Vijf uur huishoudelijke ondersteuning').waitFor();

    // The proposal reaches the teamleider's open register without reloading.
    const it = item(teamleider, 'Vijf uur huishoudelijke ondersteuning');
    await it.getByRole('button', { name: 'Afwijzen' }).click();
    await it.getByRole('button', { name: 'Afwijzing vastleggen' }).click();
    await expect.poll(() => it.getByRole('alert').textContent()).toContain('Vul de reden van afwijzing in.');
    await it.getByLabel('Reden van afwijzing').fill('Eerst de Wmo-consulent laten onderzoeken of een algemene voorziening volstaat.');
    await it.getByRole('button', { name: 'Afwijzing vastleggen' }).click();
    await expect.poll(() => it.textContent()).toContain('Afgewezen door Ruud Smeets (Teamleider)');
    expect(await it.textContent()).toContain('Reden: Eerst de Wmo-consulent laten onderzoeken');
    expect(await it.locator('.afw-status').textContent()).toContain('Afgewezen');
  });

  test('the external partner opens the case and the internal deviation is nowhere on the page', async () => {
    const ggz = await openCaseAs('ggz');
    // The register itself is there, with the deviation that is not internal.
    await item(ggz, 'Vijf uur huishoudelijke ondersteuning').waitFor();
    expect(await register(ggz).locator('article.afwijking').count()).toBe(1);
    const html = await ggz.content();
    expect(html).not.toContain(WILL_NOT_DO);
    expect(html).not.toContain(REASONING);
    expect(html).not.toContain('gezamenlijke huishouding');
    expect(await ggz.locator('details.voorstellen').count()).toBe(0);
    // Nor does the API hand it to the partner's browser.
    const api = await ggz.evaluate(async () => {
      const id = location.pathname.split('/').pop()!;
      return (await fetch(`/api/cases/${id}/deviations`)).text();
    });
    expect(api).not.toContain(WILL_NOT_DO);
    expect(api).toContain('Vijf uur huishoudelijke ondersteuning');
    await expectAccessible(ggz, 'casuspagina met afwijkingenregister (externe partner)');
  });

  test('the administrator raises a mandate level on the Mandaten page, and it persists', async () => {
    const admin = await people.loginAs('beheer');
    await admin.getByRole('link', { name: 'Gebruikersbeheer' }).waitFor();
    await admin.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Mandaten' }).click();
    await admin.getByRole('heading', { name: 'Mandaten', level: 1 }).waitFor();
    const select = admin.getByLabel('Vereist mandaat voor Participatiewet, route Participatiewet art. 16 (zeer dringende redenen)');
    expect(await select.inputValue()).toBe('teamleider');
    await expectAccessible(admin, 'mandatenbeheer');
    await select.selectOption('wethouder');
    await admin.getByRole('status').filter({ hasText: 'Opgeslagen' }).waitFor();
    await admin.reload();
    await admin.getByRole('heading', { name: 'Mandaten', level: 1 }).waitFor();
    await expect.poll(() => select.inputValue()).toBe('wethouder');
    // Other combinations keep the default.
    expect(await admin.getByLabel('Vereist mandaat voor Participatiewet, route Participatiewet art. 18 lid 1 (afstemming)').inputValue()).toBe('teamleider');
    await shot(admin, 'mandaten');
  });

  test('a proposal under the raised level needs a wethouder: the teamleider cannot decide, the proposer withdraws it', async () => {
    await fillProposal(klantmanager, {
      law: 'participatiewet',
      rule: 'Art. 13 Participatiewet (geen bijstand tijdens detentie)',
      route: 'pwet_16',
      willDo: 'Eenmalige bijstand voor de huur van de woning van moeder.',
      willNotDo: 'Geen terugvordering van deze eenmalige bijstand.',
      reasoning: 'Zonder huurbetaling dreigt huisuitzetting; dat zou de behandeling van moeder en de stabiliteit van de kinderen onderbreken.',
      start: inDays(0),
      end: inDays(30),
      review: inDays(30),
      internal: false,
    });
    await klantmanager.getByRole('button', { name: 'Voorstel indienen' }).click();
    const mine = item(klantmanager, 'Eenmalige bijstand voor de huur');
    await expect.poll(() => mine.textContent()).toContain('Vereist mandaat: Wethouder');

    const theirs = item(teamleider, 'Eenmalige bijstand voor de huur');
    await expect.poll(() => theirs.textContent(), { timeout: 5000 }).toContain('Vereist mandaat: Wethouder');
    expect(await theirs.getByRole('button').count()).toBe(0);

    await mine.getByRole('button', { name: 'Intrekken' }).click();
    await mine.getByLabel('Reden van intrekking').fill('Woningcorporatie heeft een betalingsregeling aangeboden.');
    await mine.getByRole('button', { name: 'Intrekking vastleggen' }).click();
    await expect.poll(() => mine.textContent()).toContain('Ingetrokken door Sander Willemsen');
    expect(await mine.locator('.afw-status').textContent()).toContain('Ingetrokken');
    expect(await mine.getByRole('button').count()).toBe(0);
    await expectAccessible(klantmanager, 'casuspagina met afgewezen, goedgekeurde en ingetrokken afwijkingen');
    // The teamleider's rejection reached the proposer's open register, without reloading.
    await expect.poll(() => item(klantmanager, 'Vijf uur huishoudelijke ondersteuning').textContent(), { timeout: 5000 }).toContain('Afgewezen door Ruud Smeets (Teamleider)');
    await shot(register(klantmanager).locator('.afwijkingen-lijst'), 'afwijkingen-alle');
  });

  test('no console errors, and nothing blocked by the content security policy', async () => {
    // The login page's first session check answers 401, and the refused proposal (end date
    // before start date) 400, as they should; the browser logs both.
    expect(people.errors.filter((e) => !/status of 401|^klantmanager: .*status of 400/.test(e))).toEqual([]);
  });
});
