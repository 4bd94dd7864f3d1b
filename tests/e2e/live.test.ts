// Everything at the table is live: three people have Gezin Verbeek open in their own browser
// (the regisseur, the consulent jeugd and the GGZ partner). Someone else changes a server record
// (through the API, or in the regisseur's browser) and the others see it without reloading:
// the deviation register, step 5 of the reverse test, the adopted versions (also after a
// conference closes), the edit history, breakthrough decisions, the household's comments, goals,
// the stuck signals, the members and the Postvak. An internal deviation never shows up for the partner.
// No "Vernieuwen" buttons are left.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { roomName } from '../../shared/plan/rooms';
import { browserAvailable, BrowserPeople, expectAccessible } from '../support/browser';
import { connectSynced, destroyAll, typeInto } from '../support/collab';
import { caseIdByTitle, userId } from '../support/db';
import { breakthroughBody, deviationBody } from '../support/fixtures';
import { type ApiClient, loginCache, startTestServer, type TestServer } from '../support/server';
import { inDays } from '../support/time';

const CASE_TITLE = 'Gezin Verbeek';
/** How long another person's change may take to show: "within a second or two", with room for a busy machine. */
const LIVE = { timeout: 5000 };

describe.skipIf(!browserAvailable)('live lijsten: wat de een wijzigt, zien de anderen zonder herladen', () => {
  let server: TestServer;
  const people = new BrowserPeople();
  let caseId: string;
  let regisseur: Page;
  let jeugd: Page;
  let partner: Page;
  const as = loginCache(() => server);
  const uid = (k: string) => userId(server, k);
  const api = (path = '') => `/api/cases/${caseId}${path}`;
  const ok = async (res: Promise<{ status: number; body: any }>, status = 200) => {
    const r = await res;
    expect(r.status, JSON.stringify(r.body)).toBe(status);
    return r.body;
  };

  const section = (page: Page, headingId: string): Locator => page.locator(`section[aria-labelledby="${headingId}"]`);
  const text = (l: Locator) => l.textContent().then((t) => t ?? '');

  beforeAll(async () => {
    server = await startTestServer();
    caseId = await caseIdByTitle(server, CASE_TITLE);
    await people.launch(server.url);
    const open = (key: string) => people.openCaseAs(key, CASE_TITLE, (page) => section(page, 'afwijkingen-kop').locator('.afwijkingen-lijst, .leeg').first().waitFor());
    regisseur = await open('casusregisseur');
    jeugd = await open('jeugd');
    partner = await open('ggz');
  });

  afterAll(async () => {
    destroyAll();
    await people.close();
    await server?.stop();
  });

  test('no "Vernieuwen" button is left on the case page', async () => {
    for (const page of [regisseur, jeugd, partner]) expect(await page.getByRole('button', { name: /^Vernieuwen/ }).count()).toBe(0);
  });

  test('deviation register: a proposal and its approval appear for the others; an internal one never for the partner', async () => {
    const km = await as('klantmanager');
    const open = await ok(km.post(api('/deviations'), deviationBody(false)), 201);
    const internal = await ok(km.post(api('/deviations'), deviationBody(true)), 201);
    const register = (page: Page) => section(page, 'afwijkingen-kop');
    for (const page of [regisseur, jeugd, partner]) await expect.poll(() => text(register(page)), LIVE).toContain(open.willDo);
    for (const page of [regisseur, jeugd]) await expect.poll(() => text(register(page)), LIVE).toContain(internal.willDo);

    await ok((await as('teamleider')).post(api(`/deviations/${open.id}/approve`), {}));
    const item = (page: Page) => register(page).locator('article.afwijking').filter({ hasText: open.willDo });
    for (const page of [jeugd, partner]) await expect.poll(() => text(item(page)), LIVE).toContain('Goedgekeurd door Ruud Smeets');
    expect(await text(register(partner))).not.toContain(internal.willDo);
  });

  test('step 5 of a vraagstuk: a deviation proposed elsewhere appears at once, and turns "goedgekeurd" when approved', async () => {
    const title = 'Huur betalen zonder verlaging';
    await ok((await as('casusregisseur')).post(api('/vraagstukken'), { title }), 201);
    const vraagstuk = (page: Page) => section(page, 'toets-kop').locator('li.vraagstuk').filter({ hasText: title });
    const steps = (page: Page) => vraagstuk(page).getByRole('navigation').getByRole('button', { name: /Juridische toets/ });
    for (const page of [regisseur, jeugd]) {
      await vraagstuk(page).waitFor(LIVE);
      await vraagstuk(page).getByRole('button', { name: /Openen/ }).click();
    }
    await steps(regisseur).click();
    // The step is shared: the jeugd consultant is on step 5 too.
    await expect.poll(() => steps(jeugd).getAttribute('aria-current'), LIVE).toBe('step');
    const relied = (page: Page) => vraagstuk(page).locator('fieldset.steunt-op');

    const dev = await ok((await as('klantmanager')).post(api('/deviations'), { ...deviationBody(false), rule: 'Participatiewet art. 18 lid 1 (afstemming)' }), 201);
    const line = (page: Page) => relied(page).locator('li').filter({ hasText: 'art. 18 lid 1 (afstemming)' });
    for (const page of [regisseur, jeugd]) await expect.poll(() => text(line(page)), LIVE).toContain('voorgesteld');
    await ok((await as('teamleider')).post(api(`/deviations/${dev.id}/approve`), {}));
    for (const page of [regisseur, jeugd]) await expect.poll(() => text(line(page)), LIVE).toContain('goedgekeurd');
  });

  test('adopted versions: adopting in one browser lists the version in the others', async () => {
    const versions = (page: Page) => page.locator('.plandeel').filter({ has: page.getByRole('heading', { name: 'Vastgestelde versies' }) });
    const before = await versions(jeugd).locator('tbody tr').count();
    await regisseur.getByLabel('Toelichting bij vaststellen (optioneel)').fill('Live vastgesteld.');
    await regisseur.getByRole('button', { name: 'Plan vaststellen' }).click();
    for (const page of [jeugd, partner]) await expect.poll(() => versions(page).locator('tbody tr').count(), LIVE).toBe(before + 1);
    expect(await text(versions(partner))).toContain('Live vastgesteld.');
  });

  test('closing a conference: the chair and the others see the version it adopted', async () => {
    const chair = await as('casusregisseur');
    const overleg = (page: Page) => section(page, 'overleg-kop');
    const conference = await ok(chair.post(api('/conferences'), {}), 201);
    // The running conference shows up for the others without polling.
    // (And each has joined its room: closing before that would refuse a join that is still on its way.)
    for (const page of [regisseur, jeugd, partner]) {
      await expect.poll(() => text(overleg(page)), LIVE).toContain('Overleg loopt');
      await overleg(page).locator('.verbinding-verbonden').waitFor(LIVE);
    }
    const closed = await ok(chair.post(api(`/conferences/${conference.id}/close`), {}));
    const row = (page: Page) => page.locator('table.versies tbody tr').filter({ hasText: `Versie ${closed.planVersionNumber}` });
    for (const page of [regisseur, jeugd, partner]) await expect.poll(() => row(page).count(), LIVE).toBe(1);
  });

  test('"wie heeft het plan gewijzigd": an edit at another desk names its author', async () => {
    const wmo = await connectSynced(server, await as('wmo'), roomName(caseId, 'plan'));
    typeInto(wmo.doc, 'De consulent Wmo regelt huishoudelijke hulp.');
    const history = (page: Page) => page.locator('table.geschiedenis').first();
    for (const page of [regisseur, jeugd]) await expect.poll(() => text(history(page)), LIVE).toContain('Fatma Yildiz');
  });

  test('breakthroughs: a request and its decision reach the staff at the table; the partner has no such section', async () => {
    const pr = await as('procesregisseur');
    await ok(pr.post(api('/stuck-flag'), { reason: 'Iedereen wacht op iedereen in dit gezin.' }));
    await ok(pr.post(api('/lead'), { note: 'Ik neem de regie tot de doorbraak er is.' }));
    const request = await ok(pr.post(api('/breakthroughs'), breakthroughBody(uid('teamleider'), { proposal: 'Een nanny voor twee dagdelen per week.' })), 201);
    const doorbraken = (page: Page) => section(page, 'doorbraken-kop');
    for (const page of [regisseur, jeugd]) await expect.poll(() => text(doorbraken(page)), LIVE).toContain('Een nanny voor twee dagdelen per week.');
    await ok((await as('teamleider')).post(api(`/breakthroughs/${request.id}/refuse`), { reasons: 'Eerst de bestaande trajecten afronden.' }));
    for (const page of [regisseur, jeugd]) await expect.poll(() => text(doorbraken(page)), LIVE).toContain('Eerst de bestaande trajecten afronden.');
    expect(await doorbraken(partner).count()).toBe(0);
  });

  test('stuck signals: the partner flags the case, the others see who and why', async () => {
    const panel = (page: Page) => section(page, 'vastgelopen-kop');
    // The flag raised above may still stand: clear it first (any member may), then raise it as the partner.
    const ggz: ApiClient = await as('ggz');
    await ggz.post(api('/stuck-flag/clear'), { reason: 'Opgepakt door de procesregisseur.' });
    await ok(ggz.post(api('/stuck-flag'), { reason: 'De GGZ-behandeling staat stil door wachtlijsten.' }));
    for (const page of [regisseur, jeugd]) await expect.poll(() => text(panel(page)), LIVE).toContain('De GGZ-behandeling staat stil door wachtlijsten.');
  });

  test("the household's comments and a new goal appear for everyone at the table", async () => {
    await ok((await as('inwoner')).post(api('/inwoner/comments'), { body: 'Fijn dat er iemand is die de weg weet.' }), 201);
    const comments = (page: Page) => section(page, 'huishouden-reacties-kop');
    for (const page of [regisseur, jeugd, partner]) await expect.poll(() => text(comments(page)), LIVE).toContain('Fijn dat er iemand is die de weg weet.');

    const goal = 'Moeder heeft twee vaste rustmomenten per week';
    await ok((await as('casusregisseur')).post(api('/goals'), { text: goal, lifeDomain: 'geestelijke_gezondheid', legitimations: [{ law: 'wmo', text: 'Zelfredzaamheid van moeder.' }], owner: { type: 'household', name: 'moeder' }, dueDate: inDays(90) }), 201);
    const goals = (page: Page) => section(page, 'doelen-kop');
    for (const page of [jeugd, partner]) await expect.poll(() => text(goals(page)), LIVE).toContain(goal);
  });

  test('members: someone added to the table appears in every open members list', async () => {
    await ok((await as('procesregisseur')).post(api('/members'), { userId: uid('schuldhulp'), caseRole: 'schuldhulpverlener', access: 'edit' }), 201);
    const members = (page: Page) => section(page, 'leden-kop');
    for (const page of [regisseur, jeugd, partner]) await expect.poll(() => text(members(page)), LIVE).toContain('Kees van Dijk');
    await expectAccessible(jeugd, 'casuspagina na live wijzigingen (consulent jeugd)');
  });

  test("the Postvak follows too: a decision in one of my cases appears in my open Postvak", async () => {
    await jeugd.getByRole('link', { name: /^Postvak/ }).click();
    await jeugd.getByRole('heading', { name: 'Postvak', level: 1 }).waitFor();
    const rule = 'Jeugdwet art. 2.3 (voorliggende voorziening)';
    const dev = await ok((await as('klantmanager')).post(api('/deviations'), { ...deviationBody(false), rule }), 201);
    await ok((await as('teamleider')).post(api(`/deviations/${dev.id}/approve`), {}));
    await expect.poll(() => text(jeugd.locator('main')), LIVE).toContain(rule);
  });

  test('no console errors, and nothing blocked by the content security policy', async () => {
    // The login page's first session check answers 401, as it should.
    expect(people.errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
  });
});
