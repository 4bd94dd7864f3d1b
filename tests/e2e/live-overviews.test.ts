// The pages over many cases are live too: the werkbak (a case someone is added to, what waits on
// the user) and the procesregisseur's stuck overview. Someone else changes a server record through
// the API; the page open in the browser shows it without reloading, through the change feed.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { vraagstukHref } from '../../shared/vraagstukken';
import { browserAvailable, BrowserPeople, expectAccessible } from '../support/browser';
import { caseIdByTitle, userId } from '../support/db';
import { loginCache, startTestServer, type TestServer } from '../support/server';

const CASE_TITLE = 'Gezin Verbeek';
/** How long another person's change may take to show: "within a second or two", with room for a busy machine. */
const LIVE = { timeout: 5000 };

describe.skipIf(!browserAvailable)('live overzichten: de werkbak en de vastgelopen casussen', () => {
  let server: TestServer;
  const people = new BrowserPeople();
  let caseId: string;
  const as = loginCache(() => server);
  const api = (path = '') => `/api/cases/${caseId}${path}`;
  const ok = async (res: Promise<{ status: number; body: any }>, status = 200) => {
    const r = await res;
    expect(r.status, JSON.stringify(r.body)).toBe(status);
    return r.body;
  };
  const onWerkbak = async (key: string): Promise<Page> => {
    const page = await people.loginAs(key);
    await page.getByRole('heading', { name: 'Werkbak', level: 1 }).waitFor();
    return page;
  };

  beforeAll(async () => {
    server = await startTestServer();
    caseId = await caseIdByTitle(server, CASE_TITLE);
    await people.launch(server.url);
  });

  afterAll(async () => {
    await people.close();
    await server?.stop();
  });

  test('someone added to a case sees it appear in his open werkbak', async () => {
    const kees = await onWerkbak('schuldhulp');
    const link = kees.getByRole('link', { name: CASE_TITLE, exact: true });
    expect(await link.count()).toBe(0);
    await ok((await as('procesregisseur')).post(api('/members'), { userId: userId(server, 'schuldhulp'), caseRole: 'schuldhulpverlener', access: 'edit' }), 201);
    await link.waitFor(LIVE);
    expect(await kees.getByRole('row').filter({ has: link }).textContent()).toContain('Schuldhulpverlener');
  });

  test('a vraagstuk that asks the klantmanager for his verdict appears on his werkbak, one link away from step 3', async () => {
    const km = await onWerkbak('klantmanager');
    const title = 'Schulden en werk: eerst rust, dan een traject';
    const vraagstuk = await ok((await as('casusregisseur')).post(api('/vraagstukken'), { title }), 201);
    const asked = km.locator('section.wacht-op-u li').filter({ hasText: title });
    await asked.waitFor(LIVE);
    expect(await asked.textContent()).toContain('Participatiewet');
    expect(await asked.getByRole('link').getAttribute('href')).toBe(vraagstukHref(caseId, vraagstuk.id, 3));
    await expectAccessible(km, 'werkbak met wat op de klantmanager wacht');

    await asked.getByRole('link').click();
    const step = km.locator('li.vraagstuk').filter({ hasText: title }).getByRole('navigation').getByRole('button', { name: /Bedoeling per wet/ });
    await expect.poll(() => step.getAttribute('aria-current')).toBe('step');
  });

  test("a case flagged at another desk appears in the procesregisseur's open stuck overview", async () => {
    const pr = await people.loginAs('procesregisseur');
    await pr.getByRole('link', { name: 'Vastgelopen casussen' }).click();
    await pr.getByRole('heading', { name: 'Vastgelopen casussen', level: 1 }).waitFor();
    const reason = 'De GGZ-behandeling staat stil door de wachtlijst; niemand pakt het op.';
    expect(await pr.locator('main').textContent()).not.toContain(reason);
    await ok((await as('ggz')).post(api('/stuck-flag'), { reason }));
    await expect.poll(() => pr.locator('main').textContent(), LIVE).toContain(reason);
  });

  test('no console errors, and nothing blocked by the content security policy', () => {
    // The login page's first session check answers 401, as it should.
    expect(people.errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
  });
});
