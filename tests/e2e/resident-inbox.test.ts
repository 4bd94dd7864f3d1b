// The resident's Postvak in the browser, live: Sanne Verbeek has her Postvak open when the
// regisseur adds a goal to her plan. Without reloading, the count in her menu rises and the
// question appears in plain Dutch. She follows its link to her goals, agrees there, and the
// count drops and the question is gone. Axe finds no serious violations; nothing is logged.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { browserAvailable, BrowserPeople, expectAccessible, shot } from '../support/browser';
import { caseIdByTitle } from '../support/db';
import { demoAccounts, startTestServer, type TestServer } from '../support/server';
import { inDays } from '../support/time';

const CASE_TITLE = 'Gezin Verbeek';
const GOAL = 'Elke ochtend eten de kinderen thuis een ontbijt';

describe.skipIf(!browserAvailable)('het Postvak van de inwoner', () => {
  let server: TestServer;
  const people = new BrowserPeople();
  const { as } = demoAccounts(() => server);
  let mother: Page;

  const menuLink = (page: Page): Locator => page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: /^Postvak/ });
  async function menuCount(page: Page): Promise<number> {
    await expect.poll(() => menuLink(page).getAttribute('data-postvak-teller')).not.toBeNull();
    return Number(await menuLink(page).getAttribute('data-postvak-teller'));
  }
  const question = (page: Page): Locator => page.getByRole('region', { name: /^Wij vragen uw mening/ }).locator('li.postvak-item').filter({ hasText: GOAL });

  beforeAll(async () => {
    server = await startTestServer();
    await people.launch(server.url);
    mother = await people.openCaseAs('inwoner', CASE_TITLE);
  });

  afterAll(async () => {
    await people.close();
    await server?.stop();
  });

  test('a new goal reaches her open Postvak and her count live; she agrees from her overview and the question is gone', async () => {
    await menuLink(mother).click();
    await mother.getByRole('heading', { name: 'Postvak', level: 1 }).waitFor();
    await mother.locator('.postvak-lijst, .leeg').first().waitFor();
    await expect.poll(() => mother.getByText('Berichten voor u over uw plan.').count()).toBe(1);
    const before = await menuCount(mother);
    expect(await question(mother).count()).toBe(0);

    // The regisseur adds a goal (through the API: the goal form is tested in goals.test.ts).
    const caseId = await caseIdByTitle(server, CASE_TITLE);
    const goal = await (await as('casusregisseur')).post(`/api/cases/${caseId}/goals`, {
      text: GOAL,
      lifeDomain: 'financien',
      legitimations: [{ law: 'jeugdwet', text: 'Een voorspelbare ochtend voor de kinderen.' }],
      owner: { type: 'household', name: 'moeder' },
      dueDate: inDays(60),
    });
    expect(goal.status, JSON.stringify(goal.body)).toBe(201);

    // No reload: the change feed tells her page, which counts and lists again.
    await expect.poll(() => menuLink(mother).getAttribute('data-postvak-teller'), { timeout: 10_000 }).toBe(String(before + 1));
    await question(mother).waitFor();
    expect(await question(mother).locator('p', { hasText: 'Het doel is' }).innerText()).toBe(
      `Er staat een doel in uw plan waarover we uw mening vragen. Het doel is: „${GOAL}”. Bent u het ermee eens?`,
    );
    const wording = await mother.locator('section.postvak').innerText();
    for (const word of ['Afwijking', 'mandaat', 'Wacht op uw besluit', 'Besluiten in uw casussen']) expect(wording).not.toContain(word);
    await expectAccessible(mother, 'Postvak van de inwoner met een vraag');
    await shot(mother, 'postvak-inwoner');

    // Her link opens her own overview at her goals.
    await question(mother).getByRole('link', { name: `Uw plan: ${CASE_TITLE}` }).click();
    await mother.getByRole('heading', { name: CASE_TITLE, level: 1 }).waitFor();
    expect(new URL(mother.url()).hash).toBe('#doelen');
    await expect.poll(() => mother.evaluate(() => document.activeElement?.id)).toBe('inwoner-doelen-kop');

    const card = mother.locator('li.inwoner-doel').filter({ has: mother.getByRole('heading', { name: GOAL, level: 3 }) });
    await card.getByRole('button', { name: /Daar ben ik het mee eens/ }).click();
    await card.getByText('Dank u.').waitFor();
    await expect.poll(() => menuLink(mother).getAttribute('data-postvak-teller'), { timeout: 10_000 }).toBe(String(before));

    await menuLink(mother).click();
    await mother.locator('.postvak-lijst, .leeg').first().waitFor();
    expect(await question(mother).count()).toBe(0);
    if (before === 0) await mother.getByText('Er wacht niets op u.').waitFor();
    await expectAccessible(mother, 'Postvak van de inwoner na haar antwoord');
    // The 401 is the session check on the login page, before she signed in.
    expect(people.errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
  });
});
