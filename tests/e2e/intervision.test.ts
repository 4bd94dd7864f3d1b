// Intervision in the browser: the procesregisseur writes identifying details into the plan of
// Gezin Verbeek, prepares a pseudonymised copy from the case page, reviews it on the review
// screen (every mark a button, resolved by keyboard; the release refused while a flag is open)
// and releases it; the consulent Jeugd, added before the release, sees nothing until then, then
// writes along live; the consulent submits a lesson, reviews it and publishes it to
// /succesverhalen. No page of the session shows "Verbeek" or the identifiers; axe finds no
// serious violations, also on the review screen.
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { loadRoomState } from '../../db/queries/collab';
import { fragmentToText, sectionFragment } from '../../shared/plan/doc';
import { startTestServer, type TestServer } from '../support/server';
import { browserAvailable, BrowserPeople, expectAccessible } from '../support/browser';

const CASE_TITLE = 'Gezin Verbeek';
const PLAN_TEXT = 'Sanne Verbeek woont met de kinderen aan de Kastanjelaan 12, 4901 AB Oosterhout. Bel 06-12345678. Kevin komt vaak langs. Truus van hiernaast ook.';
const FORBIDDEN = ['Verbeek', 'Sanne', 'Kastanjelaan', '4901 AB', 'Oosterhout', '06-12345678', '123456782', 'Truus', 'Kevin'];
const HELPED = 'Eén gedeeld doel onder drie wetten.';
const HINDERED = 'De angst voor een terugvordering.';
const LESSON_TITLE = 'Leg het gedeelde doel per wet vast';
const LESSON_BODY = 'Toen het doel per wet gelegitimeerd was (BSN 123456782 stond nog in het dossier), durfde iedereen door te pakken.';

describe.skipIf(!browserAvailable)('intervisie in de browser', () => {
  let server: TestServer;
  const people = new BrowserPeople();
  let regisseur: Page;
  let jeugd: Page;
  let sessionUrl = '';

  async function login(key: string): Promise<Page> {
    const page = await people.loginAs(key);
    await page.getByRole('link', { name: 'Intervisie', exact: true }).waitFor();
    return page;
  }

  /** Types at the end of a live editor, like a person would. */
  async function typeIn(page: Page, name: string, text: string) {
    const box = page.getByRole('textbox', { name, exact: true });
    await box.click();
    await page.keyboard.press('End');
    await page.keyboard.type(text);
  }

  /** The plan text as the server stored it. */
  async function storedPlanText(caseId: string): Promise<string> {
    const doc = new Y.Doc();
    const state = await loadRoomState(server.db, caseId);
    if (state.snapshot) Y.applyUpdate(doc, state.snapshot);
    for (const u of state.updates) Y.applyUpdate(doc, u.update);
    return fragmentToText(sectionFragment(doc, 'beeldvorming'));
  }

  async function expectNoLeak(page: Page, what: string, except: readonly string[] = []) {
    const text = (await page.locator('body').textContent()) ?? '';
    expect(FORBIDDEN.filter((f) => !except.includes(f) && text.includes(f)), what).toEqual([]);
  }

  beforeAll(async () => {
    server = await startTestServer();
    await people.launch(server.url);
    regisseur = await login('procesregisseur');
    jeugd = await login('jeugd');
  });

  afterAll(async () => {
    await people.close();
    await server?.stop();
  });

  test('the procesregisseur prepares a pseudonymised copy from the case page', async () => {
    await regisseur.getByRole('link', { name: 'Werkbak' }).click();
    await regisseur.getByRole('link', { name: CASE_TITLE, exact: true }).click();
    await regisseur.getByRole('heading', { name: CASE_TITLE, level: 1 }).waitFor();
    const caseId = decodeURIComponent(new URL(regisseur.url()).pathname.split('/').pop()!);
    await typeIn(regisseur, 'Beeldvorming', PLAN_TEXT);
    await expect.poll(async () => await storedPlanText(caseId), { timeout: 10_000 }).toContain(PLAN_TEXT);

    await regisseur.getByRole('button', { name: 'Intervisie voorbereiden (gepseudonimiseerde kopie)' }).click();
    await regisseur.waitForURL(/\/intervisie\/[^/]+$/);
    sessionUrl = new URL(regisseur.url()).pathname;
    expect(sessionUrl).not.toContain(caseId);
    // The review screen first: nothing else of the session yet.
    await regisseur.getByRole('heading', { level: 2, name: 'Kopie beoordelen voor het vrijgeven' }).waitFor();
    expect(await regisseur.getByRole('textbox', { name: 'Wat hielp', exact: true }).count()).toBe(0);
    // The flags are shown as written, to the one person who reviews; everything else is already gone.
    await expectNoLeak(regisseur, 'beoordelingsscherm', ['Truus', 'Kevin']);
    await expectAccessible(regisseur, 'beoordelingsscherm');
  });

  test('the review screen: every mark is a button; the release is refused while a flag is open; flags are resolved by keyboard', async () => {
    const review = regisseur.locator('section.iv-beoordeling');
    // The replacements and the flags are there, each a button that says what it is.
    await expect.poll(() => review.locator('button.iv-vervanging').count()).toBeGreaterThan(3);
    const kevin = review.locator('button.iv-verdacht', { hasText: 'Kevin' }).first();
    await expect.poll(() => kevin.textContent()).toContain('Gemarkeerd: „Kevin”');
    await expect.poll(() => review.locator('button.iv-vervanging', { hasText: '[adres]' }).count()).toBeGreaterThan(0);

    // Release too early: the server's Dutch refusal is shown.
    await regisseur.getByRole('button', { name: 'Kopie vrijgeven aan de deelnemers' }).click();
    await regisseur.getByText(/markering(en)? die u moet beoordelen voordat u de kopie vrijgeeft/).waitFor();

    // Truus by keyboard: focus the mark, Enter opens the form, choose a placeholder, apply.
    const truus = review.locator('button.iv-verdacht', { hasText: 'Truus' }).first();
    await truus.focus();
    await regisseur.keyboard.press('Enter');
    const form = review.locator('form.iv-beoordeel');
    await form.waitFor();
    await expect.poll(() => regisseur.evaluate(() => document.activeElement?.tagName)).toBe('H3');
    await form.getByLabel('Vervangen door een plaatsvervanger').check();
    await form.getByLabel('Plaatsvervanger', { exact: true }).selectOption('[naam]');
    await form.getByRole('button', { name: 'Toepassen' }).press('Enter');
    await expect.poll(() => review.locator('button.iv-verdacht.iv-open', { hasText: 'Truus' }).count()).toBe(0);
    await expect.poll(() => review.locator('button.iv-verdacht.iv-vervangen', { hasText: 'Truus' }).textContent()).toMatch(/^\[naam\]/);
    await expectAccessible(regisseur, 'beoordelingsscherm met formulier');

    // The rest, one by one: the form moves on to the next open flag by itself.
    const status = review.getByRole('status');
    for (let i = 0; i < 80 && !((await status.textContent()) ?? '').includes('Alle markeringen zijn beoordeeld.'); i++) {
      if ((await form.count()) === 0) await review.getByRole('button', { name: 'Naar de eerstvolgende open markering' }).click();
      const heading = (await form.locator('h3').textContent()) ?? '';
      // A name stays out; anything else flagged (a word of the demo plan) is kept.
      await form.getByLabel(/kevin/i.test(heading) ? 'Vervangen door een plaatsvervanger' : /^Behouden/).check();
      await form.getByRole('button', { name: 'Toepassen' }).click();
      await expect.poll(async () => (await form.count()) === 0 || (await form.locator('h3').textContent()) !== heading).toBe(true);
    }
    await expect.poll(() => status.textContent()).toContain('Alle markeringen zijn beoordeeld.');
    await regisseur.getByRole('button', { name: 'Kopie vrijgeven aan de deelnemers' }).click();

    await regisseur.getByRole('heading', { level: 1, name: /^Intervisie/ }).waitFor();
    await regisseur.getByRole('textbox', { name: 'Wat hielp', exact: true }).waitFor();
    const copy = regisseur.locator('section[aria-labelledby="kopie-kop"]');
    await expect.poll(() => copy.textContent()).toContain('woont met de kinderen aan [adres], [postcode]. Bel [telefoon]. [naam] komt vaak langs. [naam] van hiernaast ook.');
    await expectNoLeak(regisseur, 'sessiepagina na vrijgeven');
    await expectAccessible(regisseur, 'sessiepagina');
  });

  test('the begeleider adds the consulent Jeugd, who finds the session under Intervisie (after the release)', async () => {
    await regisseur.getByLabel('Zoek collega').fill('Lotte');
    await regisseur.locator('#iv-collega option', { hasText: 'Lotte Hendriks' }).waitFor({ state: 'attached' });
    await regisseur.getByLabel('Collega', { exact: true }).selectOption({ label: 'Lotte Hendriks (Consulent Jeugd)' });
    await regisseur.getByRole('button', { name: 'Toevoegen' }).click();
    await expect.poll(() => regisseur.locator('section[aria-labelledby="deelnemers-kop"]').textContent()).toContain('Lotte Hendriks neemt nu deel.');

    await jeugd.getByRole('link', { name: 'Intervisie', exact: true }).click();
    await jeugd.getByRole('heading', { name: 'Intervisie', level: 1 }).waitFor();
    await jeugd.locator(`a[href="${sessionUrl}"]`).click();
    await jeugd.getByRole('textbox', { name: 'Wat hinderde', exact: true }).waitFor();
    await expectNoLeak(jeugd, 'sessiepagina van de deelnemer');
  });

  test('both write reflection notes, and see each other’s notes live', async () => {
    await typeIn(regisseur, 'Wat hielp', HELPED);
    await typeIn(jeugd, 'Wat hinderde', HINDERED);
    await expect.poll(() => jeugd.getByRole('textbox', { name: 'Wat hielp', exact: true }).textContent(), { timeout: 10_000 }).toContain(HELPED);
    await expect.poll(() => regisseur.getByRole('textbox', { name: 'Wat hinderde', exact: true }).textContent(), { timeout: 10_000 }).toContain(HINDERED);
    await expect.poll(() => regisseur.locator('#reflectie-aanwezig').textContent()).toContain('Lotte Hendriks');
  });

  test('the consulent publishes a lesson; it shows in the library without the identifier', async () => {
    await jeugd.getByLabel('Les', { exact: true }).check();
    await jeugd.getByLabel('Titel', { exact: true }).fill(LESSON_TITLE);
    await jeugd.getByLabel('Tekst', { exact: true }).fill(LESSON_BODY);
    await jeugd.getByLabel('Wmo 2015', { exact: true }).check();
    await jeugd.getByLabel('Participatiewet', { exact: true }).check();
    await jeugd.getByRole('button', { name: 'Indienen ter beoordeling' }).click();
    // Held as a draft under review until its author publishes it.
    await jeugd.getByRole('heading', { level: 2, name: `Concept beoordelen: ${LESSON_TITLE}` }).waitFor();
    await expectAccessible(jeugd, 'concept beoordelen');
    await jeugd.getByRole('button', { name: 'Publiceren in de bibliotheek' }).click();
    const published = jeugd.locator('section[aria-labelledby="publiceren-kop"] .melding-ok');
    await expect.poll(() => published.textContent()).toContain(`„${LESSON_TITLE}” staat in de bibliotheek met succesverhalen.`);

    await regisseur.getByRole('link', { name: 'Succesverhalen' }).click();
    await regisseur.getByRole('heading', { name: 'Succesverhalen en lessen', level: 1 }).waitFor();
    const story = regisseur.locator('article.iv-verhaal').filter({ has: regisseur.getByRole('heading', { name: LESSON_TITLE }) });
    await story.waitFor();
    const text = (await story.textContent()) ?? '';
    expect(text).toContain('(BSN [nummer] stond nog in het dossier)');
    expect(text).toContain('Wetten: Wmo 2015, Participatiewet');
    await expectNoLeak(regisseur, 'bibliotheek');
    await expectAccessible(regisseur, 'bibliotheek');
  });

  test('the begeleider closes the session: the notes become read-only for everyone', async () => {
    await regisseur.goto(`${server.url}${sessionUrl}`);
    // The page looks up candidate colleagues as it opens; let that finish, or closing the
    // session in the meantime answers that lookup with a 409 (the session is closed by then).
    await regisseur.waitForLoadState('networkidle');
    await regisseur.getByRole('button', { name: 'Sessie afsluiten' }).click();
    await regisseur.getByText('De sessie is afgesloten: de notities zijn alleen nog te lezen.').waitFor();
    await expect.poll(() => jeugd.getByRole('textbox', { name: 'Wat hielp', exact: true }).getAttribute('aria-readonly'), { timeout: 10_000 }).toBe('true');
    await expect.poll(() => jeugd.getByRole('textbox', { name: 'Wat hielp', exact: true }).textContent()).toContain(HELPED);
    await expectNoLeak(jeugd, 'afgesloten sessie');
    await expectAccessible(jeugd, 'afgesloten sessie');
    // The login page asks who is logged in before anyone is: that one 401 is expected; so is the 409 of the release tried too early.
    expect(people.errors.filter((e) => !/status of 401/.test(e))).toEqual(['procesregisseur: Failed to load resource: the server responded with a status of 409 (Conflict)']);
  });
});
