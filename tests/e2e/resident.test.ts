// The resident (inwoner) in the browser: Sanne Verbeek opens Gezin Verbeek and gets her own,
// plain-language page instead of the professionals' workspace: the regisseur on top, the adopted
// plan, a goal to agree with, a comment, and who looked at her file. The professionals see her
// comment on their case page, with the dossier download under the adopted version. Axe finds
// no serious violations; nothing is logged to the console.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { changePlanDoc } from '../../server/plan/plan-doc';
import { addParagraph } from '../support/collab';
import { type ApiClient, loginAs, startTestServer, type TestServer } from '../support/server';
import { browserAvailable, BrowserPeople, expectAccessible, shot } from '../support/browser';
import { caseIdByTitle, userId } from '../support/db';
import { inDays } from '../support/time';

const CASE_TITLE = 'Gezin Verbeek';
const GOAL = 'Ik wil weer rust in mijn hoofd en voor de kinderen kunnen zorgen';
const PLAN = 'Moeder wil rust in huis; vader blijft koken op woensdag.';
const DEVIATION_WILL_DO = 'Vader mag blijven slapen en koken. Moeder houdt haar eigen uitkering.';
const DEVIATION_WILL_NOT_DO = 'De gemeente kort de uitkering niet en vordert niets terug.';
const INTERNAL_WILL_DO = 'Intern: geen heronderzoek naar de woonsituatie.';
const PLAIN = 'Wij helpen u om rust te krijgen. Papa kookt op woensdag. De kinderen gaan gewoon naar school.';
const COMMENT = `Ik vind het fijn dat papa blijft koken. (${randomUUID().slice(0, 6)})`;

describe.skipIf(!browserAvailable)('het eigen overzicht van de inwoner', () => {
  let server: TestServer;
  const people = new BrowserPeople();
  let caseId: string;
  let regisseur: ApiClient;
  let page: Page;

  const section = (p: Page, heading: string) => p.locator('section.inwoner-blok').filter({ has: p.getByRole('heading', { name: heading, level: 2 }) });

  beforeAll(async () => {
    server = await startTestServer();
    await people.launch(server.url);
    caseId = await caseIdByTitle(server, CASE_TITLE);
    regisseur = await loginAs(server, 'casusregisseur');
    const wmo = userId(server, 'wmo');
    // The professionals write the plan, add a goal in the household's words and adopt version 1.
    await changePlanDoc(server.services, caseId, wmo, (doc) => addParagraph(doc, PLAN));
    const goal = await regisseur.post(`/api/cases/${caseId}/goals`, {
      text: GOAL,
      lifeDomain: 'geestelijke_gezondheid',
      legitimations: [{ law: 'wmo', text: 'Zelfredzaamheid van moeder.' }],
      owner: { type: 'member', userId: wmo },
      // Four months from now, as in the worked example.
      dueDate: inDays(120),
    });
    expect(goal.status, JSON.stringify(goal.body)).toBe(201);
    // An approved deviation that protects her benefit, and an internal one she must never see.
    const km = await loginAs(server, 'klantmanager');
    const teamleider = await loginAs(server, 'teamleider');
    for (const [willDo, internal] of [[DEVIATION_WILL_DO, false], [INTERNAL_WILL_DO, true]] as const) {
      const proposed = await km.post(`/api/cases/${caseId}/deviations`, {
        law: 'participatiewet',
        rule: 'Participatiewet art. 3: gezamenlijke huishouding',
        route: 'awb_4_84',
        willDo,
        willNotDo: DEVIATION_WILL_NOT_DO,
        reasoning: 'Vader brengt stabiliteit; evenredig gedurende de looptijd van het plan.',
        startDate: inDays(0),
        endDate: inDays(180),
        reviewDate: inDays(90),
        internal,
      });
      expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
      expect((await teamleider.post(`/api/cases/${caseId}/deviations/${proposed.body.id}/approve`, {})).status).toBe(200);
    }
    const adopted = await regisseur.post(`/api/cases/${caseId}/plan/versions`, {});
    expect(adopted.status, JSON.stringify(adopted.body)).toBe(201);
    // And the regisseur has just read the case: the resident will see that.
    expect((await regisseur.get(`/api/cases/${caseId}`)).status).toBe(200);

    page = await people.openCaseAs('inwoner', CASE_TITLE);
  });

  afterAll(async () => {
    await people.close();
    await server?.stop();
  });

  test('she sees her own page: the regisseur on top, the adopted plan in plain words, no professional workspace', async () => {
    await section(page, 'Uw plan').waitFor();
    const headings = await page.locator('article.inwoner h2').allTextContents();
    expect(headings).toEqual(['Uw vaste contactpersoon', 'Uw plan', 'Casusoverleg', 'Uw doelen', 'Wie doet wat', 'Uw reacties', 'Wie heeft mijn dossier bekeken']);
    const contact = section(page, 'Uw vaste contactpersoon');
    expect(await contact.getByRole('heading', { level: 3 }).textContent()).toBe('Marieke de Vries');
    expect(await contact.getByRole('link', { name: 'casusregisseur@demo.casustafel.nl' }).getAttribute('href')).toBe('mailto:casusregisseur@demo.casustafel.nl');
    // "Wie doet wat" starts with the regisseur as well, and leaves the mandate holder out.
    const people = await section(page, 'Wie doet wat').getByRole('heading', { level: 3 }).allTextContents();
    expect(people[0]).toBe('Marieke de Vries');
    expect(people).toContain('Fatma Yildiz');
    expect(people).not.toContain('Ruud Smeets');

    const plan = section(page, 'Uw plan');
    expect(await plan.textContent()).toMatch(/Versie 1, vastgesteld op \d{1,2} \w+ \d{4}/);
    expect(await plan.getByRole('heading', { name: 'Hoe het nu gaat', level: 3 }).count()).toBe(1);
    expect(await plan.textContent()).toContain(PLAN);
    // Not the professionals' page: no live editor, no internal notes, no deviations.
    expect(await page.locator('.ProseMirror').count()).toBe(0);
    expect(await page.getByText('Interne notities').count()).toBe(0);
    expect(await page.getByRole('heading', { name: /Afwijkingen/ }).count()).toBe(0);
    // She landed on her own page straight after signing in: no werkbak in between.
    expect(new URL(page.url()).pathname).toBe(`/casussen/${caseId}`);
    expect(await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Mijn overzicht' }).count()).toBe(1);
    // The approved deviation, told as what it means for her and until when; the internal one not at all.
    const exceptions = plan.locator('.inwoner-plandeel').filter({ has: page.getByRole('heading', { name: 'Wat de gemeente voor u anders doet', level: 3 }) });
    expect(await exceptions.textContent()).toContain(DEVIATION_WILL_DO);
    expect(await exceptions.textContent()).toContain(DEVIATION_WILL_NOT_DO);
    expect(await exceptions.textContent()).toMatch(/tot en met \d{1,2} \w+\.? \d{4}\. Het is een uitzondering op de Participatiewet\./);
    expect(await page.locator('body').textContent()).not.toContain(INTERNAL_WILL_DO);
    expect(await page.locator('body').textContent()).not.toContain('gezamenlijke huishouding');
    await shot(page, 'inwoner-overzicht', { fullPage: true });
    await expectAccessible(page, 'inwoner: overzicht');
  });

  test('she agrees with her goal; the professionals see it recorded in her name', async () => {
    const goals = section(page, 'Uw doelen');
    const card = goals.locator('li.inwoner-doel').filter({ has: page.getByRole('heading', { name: GOAL, level: 3 }) });
    expect(await card.textContent()).toContain('Fatma Yildiz');
    await card.getByRole('button', { name: `Daar ben ik het mee eens (doel: ${GOAL})` }).click();
    await card.getByRole('status').filter({ hasText: 'Dank u. U bent het eens met dit doel' }).waitFor();
    expect(await card.getByRole('button').count()).toBe(0);
    const list = await regisseur.get(`/api/cases/${caseId}/goals`);
    expect(list.body.find((g: { text: string }) => g.text === GOAL).householdAgreement.recordedBy.name).toBe('Sanne Verbeek');
  });

  test('she adds a comment, which stays on her page and reaches the professionals', async () => {
    const comments = section(page, 'Uw reacties');
    await comments.getByRole('button', { name: 'Reactie plaatsen' }).click();
    await comments.getByRole('alert').filter({ hasText: 'Schrijf eerst uw reactie.' }).waitFor();
    await comments.getByLabel('Uw reactie').fill(COMMENT);
    await comments.getByRole('button', { name: 'Reactie plaatsen' }).click();
    await comments.getByRole('status').filter({ hasText: 'Uw reactie is geplaatst.' }).waitFor();
    expect(await comments.locator('.inwoner-reacties').textContent()).toContain(COMMENT);
    expect(await comments.getByLabel('Uw reactie').inputValue()).toBe('');
    const seen = await regisseur.get(`/api/cases/${caseId}/inwoner/comments`);
    expect(seen.body.at(-1)).toMatchObject({ body: COMMENT, by: { name: 'Sanne Verbeek' } });
  });

  test('she opens "wie heeft mijn dossier bekeken" and sees the regisseur who just read the case', async () => {
    const log = section(page, 'Wie heeft mijn dossier bekeken');
    await log.getByRole('button', { name: 'Laat zien wie mijn dossier heeft bekeken' }).click();
    const row = log.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /Marieke de Vries/ }) });
    await row.waitFor();
    expect(await row.textContent()).toContain('Casusregisseur, Gemeente Zuiderhaven');
    expect(await row.textContent()).toContain('Heeft uw dossier geopend');
    // Her own visits are not in her list.
    expect(await log.getByRole('rowheader', { name: /Sanne Verbeek/ }).count()).toBe(0);
    await shot(page, 'inwoner-inzage', { fullPage: true });
    await expectAccessible(page, 'inwoner: inzage');
  });

  test('after a reload the agreement and the comment are still there', async () => {
    await page.reload();
    await section(page, 'Uw doelen').waitFor();
    expect(await section(page, 'Uw doelen').textContent()).toContain('U bent het eens met dit doel');
    expect(await section(page, 'Uw reacties').textContent()).toContain(COMMENT);
  });

  test('the regisseur sees the comment on the case page, and the dossier downloads under version 1', async () => {
    const pro = await people.openCaseAs('casusregisseur', CASE_TITLE);
    const panel = pro.locator('section[aria-labelledby="huishouden-reacties-kop"]');
    await panel.getByText(COMMENT).waitFor();
    expect(await panel.textContent()).toContain('Sanne Verbeek');
    expect(await panel.getByRole('textbox').count()).toBe(0);
    const full = pro.getByRole('link', { name: 'volledig (dossier van versie 1, volledig)' });
    await full.waitFor();
    expect(await full.getAttribute('href')).toBe(`/api/cases/${caseId}/versions/1/dossier.pdf?variant=volledig`);
    expect(await pro.getByRole('link', { name: /dossier van versie 1, voor externe partner/ }).getAttribute('href')).toContain('variant=extern');
    const download = await Promise.all([pro.waitForEvent('download'), full.click()]);
    expect(download[0].suggestedFilename()).toBe('dossier-gezin-verbeek-versie-1-volledig.pdf');
    await expectAccessible(pro, 'casuspagina met reacties van het huishouden');
  });

  test('the regisseur writes the plan for the household in plain language, sees how readable it is, and after adoption she reads that text instead', async () => {
    const pro = await people.openCaseAs('casusregisseur', CASE_TITLE);
    const editor = pro.locator('#plan-eenvoudig-tekst');
    await editor.waitFor();
    await editor.click();
    await pro.keyboard.type('Gelet op de vaststelling dat de belanghebbende onvoldoende zelfredzaam is op het leefgebied financiën wordt afgezien van terugvordering gedurende de looptijd van het plan.');
    const hint = pro.locator('#plan-eenvoudig-leesbaarheid');
    await hint.filter({ hasText: 'Moeilijk leesbaar' }).waitFor();
    expect(await hint.textContent()).toContain('meer dan 15 woorden');
    await pro.keyboard.press('ControlOrMeta+a');
    await pro.keyboard.type(PLAIN);
    await hint.filter({ hasText: 'Goed leesbaar (ongeveer B1)' }).waitFor();
    await expectAccessible(pro, 'gezinsplan met de tekst voor het huishouden');

    expect((await regisseur.post(`/api/cases/${caseId}/plan/versions`, {})).status).toBe(201);
    await page.reload();
    const plan = section(page, 'Uw plan');
    await plan.getByRole('heading', { name: 'Uw plan in gewone woorden', level: 3 }).waitFor();
    expect(await plan.textContent()).toContain(PLAIN);
    expect(await plan.getByRole('heading', { name: 'Hoe het nu gaat', level: 3 }).count()).toBe(0);
    await expectAccessible(page, 'inwoner: plan in gewone woorden');
  });

  test('nothing was logged to the console (no errors, no CSP violations)', () => {
    // The login page asks who is logged in before anyone is: that 401 is expected.
    expect(people.errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
  });
});
