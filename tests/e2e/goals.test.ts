// Goals in the browser, live: the procesregisseur adds the shared goal of the worked example,
// legitimised under three laws; the klantmanager, with the same case open, sees it appear
// without reloading, sets it to "bezig", and an action added at one desk shows up at the other.
// Both pages pass axe without serious violations, and nothing is logged to the console.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server';
import { browserAvailable, BrowserPeople, expectAccessible, shot } from '../support/browser';
import { inDays } from '../support/time';

const CASE_TITLE = 'Gezin Verbeek';
const GOAL = 'Stabiele psychische gezondheid van moeder';
const LEGITIMATIONS: [law: string, text: string][] = [
  ['Wmo 2015', 'Zelfredzaamheid van moeder in haar eigen leefomgeving.'],
  ['Jeugdwet', 'Het opvoedklimaat: moeder neemt haar verantwoordelijkheid weer op.'],
  ['Participatiewet', 'Een stap richting activering.'],
];
const ACTION = 'Begeleiding bij de behandeling regelen';
/** The same goal, later put in the household's own words. */
const REWORDED = 'Moeder voelt zich stabiel en heeft rust in haar hoofd';

describe.skipIf(!browserAvailable)('doelen in de browser', () => {
  let server: TestServer;
  const people = new BrowserPeople();
  let regisseur: Page;
  let klantmanager: Page;

  const openCaseAs = (key: string) => people.openCaseAs(key, CASE_TITLE, (page) => goals(page).locator('.doelen-lijst, .leeg').first().waitFor());
  const goals = (page: Page) => page.locator('section[aria-labelledby="doelen-kop"]');
  const goalItem = (page: Page, text: string): Locator => goals(page).locator('article.doel').filter({ has: page.getByRole('heading', { name: text, level: 4 }) });
  const addForm = (page: Page) => goals(page).getByRole('form', { name: 'Doel toevoegen' });

  beforeAll(async () => {
    server = await startTestServer();
    await people.launch(server.url);
    regisseur = await openCaseAs('procesregisseur');
    klantmanager = await openCaseAs('klantmanager');
  });

  afterAll(async () => {
    await people.close();
    await server?.stop();
  });

  test('both see the goals of the plan, still empty, and the form to add one', async () => {
    for (const page of [regisseur, klantmanager]) {
      await goals(page).getByRole('heading', { name: 'Doelen', level: 3 }).waitFor();
      expect(await goals(page).textContent()).toContain('Er zijn nog geen doelen.');
    }
    await goals(regisseur).locator('summary', { hasText: 'Doel toevoegen' }).click();
    await addForm(regisseur).getByLabel('Doel', { exact: true }).waitFor();
  });

  test('a ticked law without its legitimation is refused in Dutch, before anything is sent', async () => {
    const form = addForm(regisseur);
    await form.getByLabel('Doel', { exact: true }).fill(GOAL);
    await form.getByLabel('Leefgebied').selectOption('geestelijke_gezondheid');
    await form.getByLabel('Eigenaar', { exact: true }).selectOption('household');
    await form.getByLabel('Wie in het huishouden').fill('moeder');
    await form.getByLabel('Wmo 2015', { exact: true }).check();
    // Without a target date first: that is asked for by name.
    await form.getByRole('button', { name: 'Doel toevoegen' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('Kies een streefdatum');
    await form.getByLabel('Streefdatum').fill(inDays(120));
    await form.getByRole('button', { name: 'Doel toevoegen' }).click();
    const alert = form.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('Vul in waarom dit doel past bij de bedoeling van de Wmo 2015, of haal het vinkje weg.');
    await expect.poll(() => form.getByLabel('Waarom past dit doel bij de Wmo 2015?').evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await goals(regisseur).locator('article.doel').count()).toBe(0);
    await shot(form, 'doel-formulierfout');
  });

  test('the procesregisseur adds the goal with three legitimations; the klantmanager sees it appear without reloading', async () => {
    const form = addForm(regisseur);
    for (const [law, text] of LEGITIMATIONS) {
      await form.getByLabel(law, { exact: true }).check();
      await form.getByLabel(`Waarom past dit doel bij de ${law}?`).fill(text);
    }
    await form.getByLabel('Streefdatum').fill(inDays(120));
    await form.getByRole('button', { name: 'Doel toevoegen' }).click();
    await goals(regisseur).getByRole('status').filter({ hasText: 'Het doel is toegevoegd.' }).waitFor();

    // The other desk: no reload, the change feed brings it in.
    const seen = goalItem(klantmanager, GOAL);
    await seen.waitFor({ timeout: 10_000 });
    const text = await seen.textContent();
    for (const [law, legitimation] of LEGITIMATIONS) {
      expect(text).toContain(law);
      expect(text).toContain(legitimation);
    }
    expect(text).toContain('Geestelijke gezondheid');
    expect(text).toContain('moeder');
    expect(text).toContain('Open');
    expect(text).toContain('Nog geen instemming van het huishouden');
    expect(await seen.locator('.doel-legitimaties dt').allTextContents()).toEqual(['Wmo 2015', 'Jeugdwet', 'Participatiewet']);
  });

  test('the klantmanager sets the goal to "bezig"; the procesregisseur sees the new status live', async () => {
    const item = goalItem(klantmanager, GOAL);
    await item.getByLabel('Status', { exact: true }).selectOption('bezig');
    await item.getByRole('button', { name: 'Status opslaan' }).click();
    await goals(klantmanager).getByRole('status').filter({ hasText: 'De status van het doel is nu „bezig”.' }).waitFor();
    await expect.poll(() => goalItem(regisseur, GOAL).locator('.doel-status').textContent()).toContain('Bezig');
  });

  test('the procesregisseur adds an action for the klantmanager; it appears at the other desk, where it is ticked off', async () => {
    const item = goalItem(regisseur, GOAL);
    await item.locator('summary', { hasText: 'Actie toevoegen' }).click();
    const form = item.getByRole('form', { name: `Actie toevoegen aan: ${GOAL}` });
    await form.getByLabel('Actie', { exact: true }).fill(ACTION);
    await form.getByLabel('Eigenaar', { exact: true }).selectOption({ label: 'Sander Willemsen' });
    await form.getByLabel('Uiterlijk op').fill(inDays(14));
    await form.getByRole('button', { name: 'Actie opslaan' }).click();
    await goals(regisseur).getByRole('status').filter({ hasText: 'De actie is toegevoegd.' }).waitFor();

    const remote = goalItem(klantmanager, GOAL).getByRole('checkbox', { name: ACTION });
    await remote.waitFor({ timeout: 10_000 });
    expect(await goalItem(klantmanager, GOAL).locator('.acties-lijst').textContent()).toContain('Sander Willemsen');
    expect(await remote.isChecked()).toBe(false);
    await remote.check();
    await goals(klantmanager).getByRole('status').filter({ hasText: `Actie afgevinkt: ${ACTION}` }).waitFor();
    await expect.poll(() => goalItem(regisseur, GOAL).getByRole('checkbox', { name: ACTION }).isChecked()).toBe(true);
  });

  test('the procesregisseur records that the household agreed today', async () => {
    const item = goalItem(regisseur, GOAL);
    await item.getByRole('button', { name: 'Instemming vastleggen' }).click();
    await goals(regisseur).getByRole('status').filter({ hasText: 'De instemming van het huishouden is vastgelegd.' }).waitFor();
    expect(await item.locator('.doel-akkoord').textContent()).toContain('vastgelegd door Priya Ramdin');
    await expect.poll(() => goalItem(klantmanager, GOAL).locator('.doel-labels').textContent()).toContain('Het huishouden stemt in');
  });

  test('the klantmanager rewords the goal; the agreement lapses, at both desks', async () => {
    const item = goalItem(klantmanager, GOAL);
    await item.getByRole('button', { name: /^Doel wijzigen/ }).click();
    const form = item.getByRole('form', { name: `Doel wijzigen: ${GOAL}` });
    const text = form.getByLabel('Doel', { exact: true });
    expect(await text.inputValue()).toBe(GOAL);
    expect(await form.textContent()).toContain('wijzigt u die, dan vervalt de instemming');
    // The three legitimations are in the form, ticked, with their texts.
    for (const [law, legitimation] of LEGITIMATIONS) {
      expect(await form.getByLabel(law, { exact: true }).isChecked()).toBe(true);
      expect(await form.getByLabel(`Waarom past dit doel bij de ${law}?`).inputValue()).toBe(legitimation);
    }
    await text.fill(REWORDED);
    await form.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await goals(klantmanager).getByRole('status').filter({ hasText: 'Het doel is gewijzigd.' }).waitFor();
    const mine = goalItem(klantmanager, REWORDED);
    expect(await mine.locator('.doel-labels').textContent()).toContain('Nog geen instemming van het huishouden');
    const theirs = goalItem(regisseur, REWORDED);
    await theirs.waitFor({ timeout: 10_000 });
    expect(await theirs.locator('.doel-labels').textContent()).toContain('Nog geen instemming van het huishouden');
    expect(await theirs.locator('.doel-legitimaties dt').count()).toBe(3);
  });

  test('an external partner reads the goal but gets no controls to change it', async () => {
    const ggz = await openCaseAs('ggz');
    const item = goalItem(ggz, REWORDED);
    await item.waitFor();
    expect(await item.textContent()).toContain('Participatiewet');
    expect(await item.getByRole('button').count()).toBe(0);
    expect(await item.getByRole('checkbox').count()).toBe(0);
    expect(await goals(ggz).getByRole('form').count()).toBe(0);
    await shot(goals(ggz), 'doelen-extern');
    await expectAccessible(ggz, 'doelen (externe partner)');
  });

  test('both pages have no serious accessibility violations, with the forms open', async () => {
    await goalItem(klantmanager, REWORDED).locator('summary', { hasText: 'Actie toevoegen' }).click();
    await goalItem(regisseur, REWORDED).getByRole('button', { name: /^Doel wijzigen/ }).click();
    await shot(goals(klantmanager), 'doelen-klantmanager');
    await expectAccessible(regisseur, 'doelen (procesregisseur)');
    await expectAccessible(klantmanager, 'doelen (klantmanager)');
  });

  test('nothing was logged to the console (no errors, no CSP violations)', () => {
    // The login page asks who is logged in before anyone is: that 401 is expected.
    expect(people.errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
  });
});
