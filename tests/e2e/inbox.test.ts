// The Postvak at the table, in several browsers: the klantmanager proposes a deviation that needs
// the teamleider's mandate, and the teamleider (a reading member, not a writer of the plan) finds it
// in his Postvak and in the count in the menu; after his approval it is gone from both. A
// signer (the klantmanager) is asked for the Participatiewet verdict of a new vraagstuk, and the
// item's link opens that vraagstuk at step 3 without moving the table.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { demoAccounts, startTestServer, type TestServer } from '../support/server';
import { browserAvailable, BrowserPeople, expectAccessible, shot } from '../support/browser';
import { inDays } from '../support/time';
import { readPlanDoc } from '../../server/plan/plan-doc';
import { readVraagstukDraft } from '../../shared/plan/vraagstukken';

const CASE_TITLE = 'Gezin Verbeek';
const RULE = 'Participatiewet art. 22a (kostendelersnorm) — Postvak';
const VRAAGSTUK = 'Vader blijft betrokken bij de opvoeding';

describe.skipIf(!browserAvailable)('Postvak in de browser', () => {
  let server: TestServer;
  const people = new BrowserPeople();
  const { as } = demoAccounts(() => server);
  let klantmanager: Page;
  let teamleider: Page;

  const menuLink = (page: Page): Locator => page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: /^Postvak/ });
  /** The number the menu shows (0 when there is no badge), once it has been counted. */
  async function menuCount(page: Page): Promise<number> {
    await expect.poll(() => menuLink(page).getAttribute('data-postvak-teller')).not.toBeNull();
    return Number(await menuLink(page).getAttribute('data-postvak-teller'));
  }
  const item = (page: Page, text: string): Locator => page.locator('li.postvak-item').filter({ hasText: text });
  async function openPostvak(page: Page) {
    await menuLink(page).click();
    await page.getByRole('heading', { name: 'Postvak', level: 1 }).waitFor();
    await page.locator('.postvak-lijst, .leeg').first().waitFor();
  }

  beforeAll(async () => {
    server = await startTestServer();
    await people.launch(server.url);
    klantmanager = await people.openCaseAs('klantmanager', CASE_TITLE, (page) => page.locator('section[aria-labelledby="afwijkingen-kop"] .afwijkingen-lijst, section[aria-labelledby="afwijkingen-kop"] .leeg').first().waitFor());
    teamleider = await people.loginAs('teamleider');
  });

  afterAll(async () => {
    await people.close();
    await server?.stop();
  });

  test('a proposal that needs his mandate is in the teamleider\'s Postvak and count; after his approval it is gone', async () => {
    const before = await menuCount(teamleider);

    const km = klantmanager;
    await km.locator('summary', { hasText: 'Afwijking voorstellen' }).click();
    await km.getByLabel('Wet', { exact: true }).selectOption('participatiewet');
    await km.getByLabel('Regel waarvan wordt afgeweken').fill(RULE);
    await km.getByLabel('Route', { exact: true }).selectOption('awb_4_84');
    await km.getByLabel('Wat er wel gebeurt').fill('Vader blijft soms slapen; beide ouders houden hun eigen uitkering.');
    await km.getByLabel('Wat er niet gebeurt').fill('De kostendelersnorm wordt niet toegepast.');
    await km.getByLabel('Motivering').fill('Vader brengt stabiliteit voor de kinderen; een korting zou het gedeelde doel ondermijnen.');
    await km.getByLabel('Ingangsdatum').fill(inDays(0));
    await km.getByLabel('Einddatum').fill(inDays(120));
    await km.getByLabel('Herbeoordelen op').fill(inDays(60));
    await km.getByRole('button', { name: 'Voorstel indienen' }).click();
    await km.getByRole('status').filter({ hasText: 'De afwijking is voorgesteld' }).waitFor();

    // Counted again on navigation: the teamleider opens his Postvak.
    await openPostvak(teamleider);
    await item(teamleider, RULE).waitFor();
    expect(await menuCount(teamleider)).toBe(before + 1);
    // What a screen reader hears: the number and what it means.
    await menuLink(teamleider).and(teamleider.getByRole('link', { name: `Postvak ${before + 1} ${before + 1 === 1 ? 'item wacht' : 'items wachten'} op u`, exact: true })).waitFor();
    const text = await item(teamleider, RULE).textContent();
    expect(await teamleider.getByRole('region', { name: /^Wacht op uw besluit/ }).locator('li.postvak-item').filter({ hasText: RULE }).count()).toBe(1);
    expect(text).toContain('Sander Willemsen stelde een afwijking van de Participatiewet');
    expect(text).toContain('onder het mandaat van teamleider');
    await expectAccessible(teamleider, 'Postvak met een afwijking die op de teamleider wacht');
    await shot(teamleider, 'postvak-afwijking');

    // The link opens the case at this very proposal, with focus on its heading; he approves there.
    await item(teamleider, RULE).getByRole('link', { name: CASE_TITLE }).click();
    await expect.poll(() => teamleider.url()).toMatch(/#afwijking-[0-9a-f-]{36}$/);
    const register = teamleider.locator('section[aria-labelledby="afwijkingen-kop"]');
    const proposal = register.locator('article.afwijking').filter({ hasText: RULE });
    await expect.poll(() => teamleider.evaluate(() => document.activeElement?.closest('article.afwijking')?.textContent ?? '')).toContain(RULE);
    await proposal.getByRole('button', { name: /^Goedkeuren/ }).click();
    await proposal.getByRole('button', { name: 'Goedkeuring vastleggen' }).click();
    await register.getByRole('status').filter({ hasText: 'De afwijking is goedgekeurd.' }).waitFor();
    // The count follows the decision at once, before any navigation.
    await expect.poll(() => menuLink(teamleider).getAttribute('data-postvak-teller')).toBe(String(before));

    await openPostvak(teamleider);
    expect(await item(teamleider, RULE).count()).toBe(0);
    expect(await menuCount(teamleider)).toBe(before);
  });

  test('the signer is asked for the verdict; the link opens the vraagstuk at step 3 and leaves the table where it is', async () => {
    const caseId = ((await (await as('casusregisseur')).get('/api/cases')).body as { id: string; title: string }[]).find((c) => c.title === CASE_TITLE)!.id;
    const opened = await (await as('casusregisseur')).post(`/api/cases/${caseId}/vraagstukken`, { title: VRAAGSTUK, laws: ['participatiewet'] });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);

    await openPostvak(klantmanager);
    const asked = item(klantmanager, VRAAGSTUK);
    await asked.waitFor();
    expect(await asked.textContent()).toContain('Uw oordeel over de Participatiewet wordt gevraagd');
    expect(await klantmanager.getByRole('region', { name: /^Wacht op uw handtekening/ }).locator('li.postvak-item').filter({ hasText: VRAAGSTUK }).count()).toBe(1);
    await expectAccessible(klantmanager, 'Postvak met een gevraagde handtekening');

    await asked.getByRole('link', { name: CASE_TITLE }).click();
    await expect.poll(() => klantmanager.url()).toContain(`?vraagstuk=${opened.body.id}&stap=3`);
    const vs = klantmanager.locator('li.vraagstuk').filter({ hasText: VRAAGSTUK });
    await vs.getByRole('heading', { name: 'Stap 3: Bedoeling per wet' }).waitFor();
    expect(await vs.getByRole('button', { name: /Bedoeling per wet/ }).getAttribute('aria-current')).toBe('step');
    expect(await vs.textContent()).toContain('U kijkt naar stap 3; de tafel is bij stap 1.');
    const verdict = vs.locator('article.oordeel').filter({ hasText: 'Participatiewet' });
    await verdict.waitFor();
    // The law's name keeps its capital in the sentence (issue 12, wording).
    expect(await verdict.textContent()).toContain('Ondertekent: Sander Willemsen (klantmanager Participatiewet).');
    // The vraagstuk's title took focus, so a keyboard or screen reader user starts there.
    await expect.poll(() => vs.getByRole('heading', { name: VRAAGSTUK }).evaluate((el) => el === document.activeElement)).toBe(true);
    // The table did not move: the shared step is still 1 for everyone.
    expect(await readPlanDoc(server.services, caseId, (doc) => readVraagstukDraft(doc, opened.body.id)?.step)).toBe(1);
    await expectAccessible(klantmanager, 'vraagstuk geopend bij stap 3 vanuit het Postvak');
    await shot(vs, 'postvak-vraagstuk-stap3');
  });
});
