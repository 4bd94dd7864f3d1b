// Stuck cases in the browser: the consulent Jeugd flags Gezin Verbeek as vastgelopen; the
// procesregisseur finds it in her overview with the reason, opens it and takes the lead; the
// consulent Wmo sees who has the lead. Also the knelpunten page for the wethouder and the
// thresholds page for the functional administrator. Every page is checked with axe.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server';
import { browserAvailable, BrowserPeople, expectAccessible, shot } from '../support/browser';

const CASE_TITLE = 'Gezin Verbeek';
const REASON = 'Vader en moeder krijgen van Jeugd en Werk & Inkomen tegenstrijdige adviezen; niemand hakt de knoop door.';

describe.skipIf(!browserAvailable)('vastgelopen casussen in de browser', () => {
  let server: TestServer;
  const people = new BrowserPeople();
  let procesregisseur: Page;

  const panel = (page: Page) => page.locator('section[aria-labelledby="vastgelopen-kop"]');

  const openCaseAs = (key: string) => people.openCaseAs(key, CASE_TITLE, (page) => panel(page).locator('.signalen, .leeg').first().waitFor());

  beforeAll(async () => {
    server = await startTestServer();
    await people.launch(server.url);
  });

  afterAll(async () => {
    await people.close();
    await server?.stop();
  });

  test('a member flags Gezin Verbeek as vastgelopen, with a reason', async () => {
    const jeugd = await openCaseAs('jeugd');
    // She may flag, not take the lead: that is the procesregisseur's job.
    expect(await panel(jeugd).getByRole('button', { name: 'Regie nemen' }).count()).toBe(0);
    // Too short a reason is refused in Dutch, with the field's Dutch name.
    await panel(jeugd).getByLabel('Waarom loopt deze casus vast?').fill('Vast.');
    await panel(jeugd).getByRole('button', { name: 'Melden als vastgelopen' }).click();
    await expect.poll(() => panel(jeugd).getByRole('alert').textContent()).toBe('Reden: Beschrijf in minstens 10 tekens waarom de casus vastloopt.');
    await panel(jeugd).getByLabel('Waarom loopt deze casus vast?').fill(REASON);
    await panel(jeugd).getByRole('button', { name: 'Melden als vastgelopen' }).click();
    await panel(jeugd).getByRole('status').filter({ hasText: 'De casus is als vastgelopen gemeld' }).waitFor();
    const signal = panel(jeugd).locator('.signaal-vastgelopen');
    expect(await signal.textContent()).toContain(`Als vastgelopen gemeld door Lotte Hendriks`);
    expect(await signal.textContent()).toContain(REASON);
    // Flagged once: the form gives way to clearing it.
    expect(await panel(jeugd).getByRole('button', { name: 'Melden als vastgelopen' }).count()).toBe(0);
    expect(await panel(jeugd).getByLabel('Waarom is de casus niet meer vastgelopen?').count()).toBe(1);
    await expectAccessible(jeugd, 'casuspagina met melding vastgelopen (consulent Jeugd)');
  });

  test('the procesregisseur sees it in her overview with the reason, filters on the signal', async () => {
    procesregisseur = await people.loginAs('procesregisseur');
    await procesregisseur.getByRole('link', { name: 'Vastgelopen casussen' }).click();
    await procesregisseur.getByRole('heading', { name: 'Vastgelopen casussen', level: 1 }).waitFor();
    const table = procesregisseur.getByRole('table', { name: 'Vastgelopen en opgeschaalde casussen' });
    const row = table.getByRole('row').filter({ has: procesregisseur.getByRole('link', { name: CASE_TITLE }) });
    await row.waitFor();
    expect(await row.textContent()).toContain(REASON);
    // Gezin El Khatib has no regisseur: it is listed too, with that signal.
    expect(await table.getByRole('row').filter({ hasText: 'Gezin El Khatib' }).textContent()).toContain('Geen regisseur');
    await expectAccessible(procesregisseur, 'overzicht vastgelopen casussen');
    await shot(procesregisseur, 'vastgelopen-overzicht');

    await procesregisseur.getByLabel('Signaal').selectOption('vastgelopen');
    await expect.poll(() => table.getByRole('row').filter({ hasText: 'Gezin El Khatib' }).count()).toBe(0);
    expect(await row.count()).toBe(1);
    expect(await procesregisseur.getByRole('status').filter({ hasText: 'getoond' }).textContent()).toMatch(/^1 casus getoond/);
  });

  test('she opens the case from the overview and takes the lead', async () => {
    await procesregisseur.getByRole('link', { name: CASE_TITLE }).click();
    await procesregisseur.getByRole('heading', { name: CASE_TITLE, level: 1 }).waitFor();
    await panel(procesregisseur).getByRole('button', { name: 'Regie nemen' }).click();
    await panel(procesregisseur).getByRole('status').filter({ hasText: 'U heeft de regie genomen' }).waitFor();
    expect(await panel(procesregisseur).locator('dd.regie').textContent()).toMatch(/^Priya Ramdin, sinds /);
    expect(await panel(procesregisseur).getByRole('button', { name: 'Regie overdragen' }).count()).toBe(1);
    // As the procesregisseur she may also set the pilot cluster.
    await panel(procesregisseur).getByLabel('Pilotcluster').selectOption('gezin_met_kinderen');
    await panel(procesregisseur).getByRole('button', { name: 'Cluster opslaan' }).click();
    await panel(procesregisseur).getByRole('status').filter({ hasText: 'Pilotcluster opgeslagen: Gezin met kinderen.' }).waitFor();
    await expectAccessible(procesregisseur, 'casuspagina na regie nemen (procesregisseur)');
    await shot(panel(procesregisseur), 'vastgelopen-paneel');
  });

  test('another member sees who has the lead', async () => {
    const wmo = await openCaseAs('wmo');
    expect(await panel(wmo).locator('dd.regie').textContent()).toMatch(/^Priya Ramdin, sinds /);
    expect(await panel(wmo).textContent()).toContain('Gezin met kinderen');
    expect(await panel(wmo).getByRole('button', { name: 'Regie nemen' }).count()).toBe(0);
    expect(await panel(wmo).getByRole('button', { name: 'Cluster opslaan' }).count()).toBe(0);
  });

  test('the wethouder reads the knelpunten and pilot figures: counts only, with a CSV download', async () => {
    const wethouder = await people.loginAs('wethouder');
    await wethouder.getByRole('link', { name: 'Knelpunten' }).click();
    await wethouder.getByRole('heading', { name: 'Knelpunten en pilotcijfers', level: 1 }).waitFor();
    await wethouder.getByRole('table', { name: 'Casussen en toegekende doorbraken per cluster' }).waitFor();
    const link = wethouder.getByRole('link', { name: 'Download als CSV' });
    expect(await link.getAttribute('href')).toMatch(/^\/api\/knelpunten\.csv\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/);
    expect(await wethouder.locator('main').textContent()).not.toContain(CASE_TITLE);
    // Not a procesregisseur: no overview link.
    expect(await wethouder.getByRole('link', { name: 'Vastgelopen casussen' }).count()).toBe(0);
    await expectAccessible(wethouder, 'knelpunten (wethouder)');
    await shot(wethouder, 'knelpunten');
  });

  test('the functional administrator sets a threshold, and a value out of bounds is refused in Dutch', async () => {
    const beheer = await people.loginAs('beheer');
    await beheer.getByRole('link', { name: 'Signalen' }).click();
    await beheer.getByRole('heading', { name: 'Drempels van de signalen', level: 1 }).waitFor();
    const field = beheer.getByLabel('Vraagstuk open langer dan (dagen)');
    await field.fill('1000');
    await beheer.getByRole('button', { name: 'Opslaan (Vraagstuk open langer dan (dagen))' }).click();
    await expect.poll(() => beheer.getByRole('alert').textContent()).toContain('een waarde van 1 tot en met 730 dagen');
    await field.fill('28');
    await beheer.getByRole('button', { name: 'Opslaan (Vraagstuk open langer dan (dagen))' }).click();
    await beheer.getByRole('status').filter({ hasText: 'is nu 28' }).waitFor();
    await expectAccessible(beheer, 'drempels van de signalen (functioneel beheerder)');
  });

  test('no console errors or CSP violations on the way', () => {
    // Expected: the 401 of /api/auth/me before logging in, and the refusals provoked above.
    expect(people.errors.filter((e) => !/status of 401|^beheer: .*status of 422|^jeugd: .*status of 400/.test(e))).toEqual([]);
  });
});
