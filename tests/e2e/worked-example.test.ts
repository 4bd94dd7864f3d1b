// The worked example of domain.md (Gezin Verbeek) played end to end in Chromium by the nine people
// at its table, the way they would click through it: the regisseur opens the vraagstuk, the three
// responsible professionals follow the chair and sign their verdicts, the klantmanager cites the
// Participatiewet and proposes the deviation from step 5, the teamleider approves it from his
// Postvak, the regisseur concludes and adds the shared goal, and the mother agrees with it and
// reads the deviation in plain Dutch on her own page. Partners at the table see what they may.
//
// Every user action (a click, filling a field, ticking a box, choosing an option) goes through
// `act`, which counts it; signing in is not counted. The count is the figure the issue asks for
// (about 80 before, the goal under 45). It is printed, and held to today's count so the path can
// only get shorter: lower ACTION_BUDGET when it does, until it is under ACTION_GOAL.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server';
import { browserAvailable, BrowserPeople, expectAccessible } from '../support/browser';
import { inDays } from '../support/time';

const CASE_TITLE = 'Gezin Verbeek';
const VRAAGSTUK = 'Stabiele psychische gezondheid van moeder, met vader betrokken';
const WILL_DO = 'Vader blijft betrokken: hij kookt, helpt bij het naar bed brengen en blijft soms slapen. Beide ouders houden hun eigen uitkering.';
const WILL_NOT_DO = 'Geen herberekening als gezamenlijke huishouding zolang het plan loopt.';
const GOAL = 'Moeder heeft rust in haar hoofd en kan voor de kinderen zorgen';
/** The goal of the issue: the main path in fewer user actions than this. Not reached yet. */
const ACTION_GOAL = 45;
/** Today's count (2026-12-03): the path may not grow back. */
const ACTION_BUDGET = 59;

let actions = 0;
const act = {
  click: async (l: Locator) => (actions++, l.click()),
  fill: async (l: Locator, text: string) => (actions++, l.fill(text)),
  check: async (l: Locator) => (actions++, l.check()),
  select: async (l: Locator, value: string) => (actions++, void (await l.selectOption(value))),
  /** Clicking into a live editor and typing: two actions. */
  write: async (page: Page, box: Locator, text: string) => {
    actions += 2;
    await box.click();
    await page.keyboard.press('End');
    await page.keyboard.type(text);
  },
};

describe.skipIf(!browserAvailable)('het uitgewerkte voorbeeld, van begin tot eind, door de negen mensen aan tafel', () => {
  let server: TestServer;
  const people = new BrowserPeople();
  const pages: Record<string, Page> = {};

  const toets = (page: Page) => page.locator('section[aria-labelledby="toets-kop"]');
  const vraagstuk = (page: Page): Locator => toets(page).locator('li.vraagstuk').filter({ hasText: VRAAGSTUK });
  const stepButton = (page: Page, name: string) => vraagstuk(page).getByRole('navigation').getByRole('button', { name: new RegExp(name) });
  const verdict = (page: Page, law: string): Locator => vraagstuk(page).locator('article.oordeel').filter({ has: page.getByRole('heading', { name: law, exact: true }) });
  /** Opening the case from the werkbak is one action; signing in is not counted. */
  async function arrive(key: string): Promise<Page> {
    const page = await people.openCaseAs(key, CASE_TITLE);
    if (key !== 'inwoner') actions++;
    pages[key] = page;
    return page;
  }

  beforeAll(async () => {
    server = await startTestServer();
    await people.launch(server.url);
  });

  afterAll(async () => {
    await people.close();
    await server?.stop();
  });

  test('the regisseur opens the vraagstuk and goes to the verdicts', async () => {
    const regisseur = await arrive('casusregisseur');
    await act.fill(toets(regisseur).getByLabel('Nieuw vraagstuk'), VRAAGSTUK);
    await act.click(toets(regisseur).getByRole('button', { name: 'Vraagstuk openen' }));
    await act.write(regisseur, vraagstuk(regisseur).getByRole('textbox', { name: 'Wat het huishouden nodig heeft en wil bereiken' }), 'Moeder wil rust; de kinderen hebben structuur nodig; vader wil betrokken blijven.');
    await act.click(stepButton(regisseur, 'Oplossing'));
    await act.write(regisseur, vraagstuk(regisseur).getByRole('textbox', { name: 'Wat zou helpen' }), 'Begeleiding bij de behandeling van moeder; vader blijft betrokken en beide ouders houden hun eigen uitkering.');
    await act.click(stepButton(regisseur, 'Bedoeling per wet'));
    await expect.poll(() => stepButton(regisseur, 'Bedoeling per wet').getAttribute('aria-current')).toBe('step');
  });

  test('the klantmanager, the consulent Wmo and the consulent Jeugd follow the chair and sign their verdicts', async () => {
    const signers: [string, string, string][] = [
      ['klantmanager', 'Participatiewet', 'Past deels'],
      ['wmo', 'Wmo 2015', 'Past'],
      ['jeugd', 'Jeugdwet', 'Past'],
    ];
    for (const [key, law, choice] of signers) {
      const page = await arrive(key);
      await act.click(toets(page).locator('.volg-voorzitter').getByRole('button', { name: /Volg de voorzitter/ }));
      await expect.poll(() => stepButton(page, 'Bedoeling per wet').getAttribute('aria-current')).toBe('step');
      await act.check(verdict(page, law).getByLabel(choice, { exact: true }));
      await act.write(page, verdict(page, law).getByRole('textbox', { name: `Motivering ${law}` }), `Dient de bedoeling van de ${law}: stabiliteit voor moeder en de kinderen.`);
      await act.click(verdict(page, law).getByRole('button', { name: `Ondertekenen (${law})` }));
      await expect.poll(() => verdict(page, law).locator('.ondertekening').textContent()).toContain(`Ondertekend: „${choice}”`);
    }
    await expect.poll(() => vraagstuk(pages.casusregisseur!).textContent(), { timeout: 10_000 }).toContain('3 van 3 wetten actueel ondertekend');
  });

  test('at step 5 the klantmanager cites the Participatiewet and proposes the deviation, law and rule filled in', async () => {
    const regisseur = pages.casusregisseur!;
    const km = pages.klantmanager!;
    await act.click(stepButton(regisseur, 'Juridische toets'));
    await expect.poll(() => stepButton(km, 'Juridische toets').getAttribute('aria-current')).toBe('step');
    await act.check(vraagstuk(km).locator('.aangehaald-wet').filter({ hasText: 'Participatiewet' }).getByRole('checkbox').first());
    const relied = vraagstuk(km).locator('fieldset.steunt-op');
    await act.click(relied.locator('summary', { hasText: 'Afwijking voorstellen' }));
    expect(await relied.getByLabel('Wet', { exact: true }).inputValue()).toBe('participatiewet');
    expect(await relied.getByLabel('Regel waarvan wordt afgeweken').inputValue()).toMatch(/^Participatiewet art\. /);
    await act.select(relied.getByLabel('Route', { exact: true }), 'awb_4_84');
    await act.fill(relied.getByLabel('Wat er wel gebeurt'), WILL_DO);
    await act.fill(relied.getByLabel('Wat er niet gebeurt'), WILL_NOT_DO);
    await act.fill(relied.getByLabel('Motivering'), 'Vader brengt stabiliteit voor moeder en de kinderen; evenredig en tijdelijk, herbeoordeeld met het plan.');
    await act.fill(relied.getByLabel('Einddatum'), inDays(180));
    await act.fill(relied.getByLabel('Herbeoordelen op'), inDays(90));
    await act.click(relied.getByRole('button', { name: 'Voorstel indienen' }));
    await expect.poll(() => relied.getByRole('checkbox', { name: /voorgesteld/ }).first().isChecked(), { timeout: 10_000 }).toBe(true);
  });

  test('the teamleider finds it in his Postvak and approves it under his mandate', async () => {
    const teamleider = await people.loginAs('teamleider');
    pages.teamleider = teamleider;
    await act.click(teamleider.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: /Postvak/ }));
    const item = teamleider.locator('li.postvak-item').filter({ hasText: CASE_TITLE }).filter({ hasText: /afwijking/i }).first();
    await act.click(item.getByRole('link').first());
    const deviation = teamleider.locator('article.afwijking').filter({ hasText: WILL_NOT_DO });
    await act.click(deviation.getByRole('button', { name: 'Goedkeuren' }));
    await act.click(deviation.getByRole('button', { name: 'Goedkeuring vastleggen' }));
    await deviation.filter({ hasText: 'Goedgekeurd door Ruud Smeets (Teamleider)' }).waitFor();
    await expectAccessible(teamleider, 'teamleider na goedkeuren');
  });

  test('the regisseur concludes the vraagstuk and adds the shared goal', async () => {
    const regisseur = pages.casusregisseur!;
    await act.click(stepButton(regisseur, 'Besluit'));
    await act.write(regisseur, vraagstuk(regisseur).getByRole('textbox', { name: 'Motivering van het besluit' }), 'Eén gedeeld doel; de tijdelijke afwijking is evenredig en wordt herbeoordeeld.');
    await act.fill(vraagstuk(regisseur).getByLabel('Herbeoordelen op', { exact: true }), inDays(90));
    await act.click(vraagstuk(regisseur).getByRole('button', { name: 'Besluit vastleggen' }));
    await toets(regisseur).getByText('Het besluit is vastgelegd.').waitFor();

    const goals = regisseur.locator('section[aria-labelledby="doelen-kop"], .doelen').first();
    await act.click(goals.locator('summary', { hasText: 'Doel toevoegen' }));
    const form = goals.getByRole('form', { name: 'Doel toevoegen' });
    await act.fill(form.getByLabel('Doel', { exact: true }), GOAL);
    await act.select(form.getByLabel('Leefgebied'), 'geestelijke_gezondheid');
    await act.select(form.getByLabel('Eigenaar', { exact: true }), 'household');
    await act.fill(form.getByLabel('Wie in het huishouden'), 'moeder');
    await act.check(form.getByLabel('Wmo 2015', { exact: true }));
    await act.fill(form.getByLabel('Waarom past dit doel bij de Wmo 2015?'), 'Zelfredzaamheid en participatie van moeder.');
    await act.fill(form.getByLabel('Streefdatum'), inDays(120));
    await act.click(form.getByRole('button', { name: 'Doel toevoegen' }));
    await regisseur.locator('article.doel').filter({ hasText: GOAL }).waitFor();
  });

  test('the others at the table see it without reloading: the procesregisseur, the gedragsdeskundige and the GGZ partner', async () => {
    for (const key of ['procesregisseur', 'gedragsdeskundige', 'ggz']) {
      const page = await arrive(key);
      await page.locator('article.doel').filter({ hasText: GOAL }).waitFor();
      await page.locator('article.afwijking').filter({ hasText: WILL_NOT_DO }).filter({ hasText: 'Goedgekeurd' }).waitFor();
    }
  });

  test('the mother agrees with the goal and reads the deviation in plain Dutch on her own page', async () => {
    const mother = await arrive('inwoner');
    const card = mother.locator('li.inwoner-doel').filter({ hasText: GOAL });
    await act.click(card.getByRole('button', { name: /Daar ben ik het mee eens/ }));
    await card.getByRole('status').filter({ hasText: 'U bent het eens met dit doel' }).waitFor();
    const exceptions = mother.locator('.inwoner-plandeel').filter({ has: mother.getByRole('heading', { name: 'Wat de gemeente voor u anders doet' }) });
    expect(await exceptions.textContent()).toContain(WILL_DO);
    expect(await exceptions.textContent()).toMatch(/tot en met .* Het is een uitzondering op de Participatiewet\./);
    await expectAccessible(mother, 'inwoner na instemmen');
  });

  test(`the whole path takes no more than ${ACTION_BUDGET} user actions (goal: fewer than ${ACTION_GOAL})`, () => {
    console.log(`worked example: ${actions} user actions (budget ${ACTION_BUDGET}, goal: fewer than ${ACTION_GOAL})`);
    expect(actions).toBeLessThanOrEqual(ACTION_BUDGET);
    expect(people.errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
  });
});
