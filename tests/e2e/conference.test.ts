// A full case conference in three browsers: the chair (Marieke de Vries, the regisseur of Gezin
// Verbeek), the klantmanager and the resident (Sanne Verbeek). The chair starts the conference
// and the timer, which the others see running; the chair and the klantmanager write the minutes
// together; the chair closes the conference, which adopts a plan version that the resident sees.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server';
import { browserAvailable, BrowserPeople, editorText, expectAccessible, shot, typeAtEnd } from '../support/browser';

const CASE_TITLE = 'Gezin Verbeek';
const CHAIR_TEXT = 'Moeder vertelt dat de begeleiding helpt; vader blijft koken op woensdag.';
const KM_TEXT = 'Klantmanager: de uitkering loopt door; we kijken in juni samen naar werk.';

describe.skipIf(!browserAvailable)('casusoverleg met drie deelnemers', () => {
  let server: TestServer;
  const people = new BrowserPeople();
  let chair: Page;
  let km: Page;
  let resident: Page;
  let caseId: string;
  let adopted: number;

  const openCaseAs = (key: string) => people.openCaseAs(key, CASE_TITLE, (page) => section(page).getByText('Er loopt nu geen casusoverleg.').waitFor());
  const section = (page: Page): Locator => page.locator('section[aria-labelledby="overleg-kop"]');
  const klok = (page: Page): Locator => section(page).getByRole('timer');
  const timerStatus = (page: Page): Locator => section(page).locator('#overleg-timer-status');
  const minutes = (page: Page): Locator => section(page).getByRole('textbox', { name: 'Notulen', exact: true });
  const shown = (l: Locator) => l.evaluate((el) => (el.querySelector('[aria-hidden="true"]')?.textContent ?? '').trim());

  beforeAll(async () => {
    server = await startTestServer();
    await people.launch(server.url);
    chair = await openCaseAs('casusregisseur');
    km = await openCaseAs('klantmanager');
    resident = await openCaseAs('inwoner');
    caseId = new URL(chair.url()).pathname.split('/').filter(Boolean).at(-1)!;
  });

  afterAll(async () => {
    await people.close();
    await server?.stop();
  });

  test('only the chair can start; once started, the others find the conference without reloading', async () => {
    expect(await section(km).getByRole('button', { name: 'Casusoverleg starten' }).count()).toBe(0);
    expect(await section(resident).getByRole('button', { name: 'Casusoverleg starten' }).count()).toBe(0);
    await section(chair).getByRole('button', { name: 'Casusoverleg starten' }).click();
    // The standard agenda, made by the server.
    const agenda = section(chair).locator('ol.overleg-punten > li');
    await expect.poll(() => agenda.count()).toBe(6);
    expect(await section(chair).getByLabel('Titel van agendapunt 1').inputValue()).toBe('Kennismaking en voorstelronde');
    // It fits a conference of three quarters of an hour: the planned minutes on screen add up to 45.
    expect(await section(chair).getByText(/^Totaal gepland:/).textContent()).toBe('Totaal gepland: 45 min.');
    const planned = await section(chair).getByLabel(/^Geplande minuten voor/).evaluateAll((inputs) => inputs.map((i) => Number((i as HTMLInputElement).value)));
    expect(planned.reduce((a, b) => a + b, 0)).toBe(45);
    // The others' pages look for a running conference now and then.
    for (const page of [km, resident]) {
      await expect.poll(() => section(page).locator('ol.overleg-punten > li').count(), { timeout: 25_000 }).toBe(6);
    }
    // The resident follows: no inputs, no chair buttons.
    expect(await section(resident).getByLabel('Titel van agendapunt 1').count()).toBe(0);
    expect(await section(resident).locator('ol.overleg-punten').textContent()).toContain('Kennismaking en voorstelronde');
    expect(await section(resident).getByRole('button', { name: /Starten/ }).count()).toBe(0);
  });

  test('the chair starts the timer; it runs for the klantmanager and the resident too', async () => {
    await expect.poll(() => timerStatus(km).textContent()).toContain('Nog niet gestart');
    // The klantmanager cannot control the time.
    expect(await section(km).getByRole('group', { name: 'Tijd bedienen' }).count()).toBe(0);
    await section(chair).getByRole('group', { name: 'Tijd bedienen' }).getByRole('button', { name: 'Starten' }).click();
    for (const page of [chair, km, resident]) {
      await expect.poll(() => timerStatus(page).textContent(), { timeout: 10_000 }).toContain('Loopt');
      const first = await shown(klok(page));
      expect(first).toMatch(/^0[45]:\d\d$/);
      // It counts down, seen on each screen.
      await expect.poll(() => shown(klok(page)), { timeout: 5_000 }).not.toBe(first);
    }
    // The current agenda item is highlighted for everyone.
    for (const page of [chair, km, resident]) {
      expect(await section(page).locator('li.overleg-punt-huidig').textContent()).toContain('Kennismaking en voorstelronde');
    }
    // Paused by the chair, paused everywhere.
    await section(chair).getByRole('group', { name: 'Tijd bedienen' }).getByRole('button', { name: 'Pauzeren' }).click();
    await expect.poll(() => timerStatus(resident).textContent(), { timeout: 10_000 }).toContain('Gepauzeerd');
    await section(chair).getByRole('group', { name: 'Tijd bedienen' }).getByRole('button', { name: /Volgend punt/ }).click();
    for (const page of [km, resident]) {
      await expect.poll(() => section(page).locator('li.overleg-punt-huidig').textContent(), { timeout: 10_000 }).toContain('Situatie van het huishouden');
      await expect.poll(() => timerStatus(page).textContent()).toContain('Loopt');
    }
    await shot(section(chair), 'overleg-voorzitter');
  });

  test('the chair and the klantmanager write the minutes together; the resident reads along', async () => {
    await typeAtEnd(chair, minutes(chair), CHAIR_TEXT);
    await expect.poll(() => editorText(minutes(km))).toContain(CHAIR_TEXT);
    await typeAtEnd(km, minutes(km), ` ${KM_TEXT}`);
    await expect.poll(() => editorText(minutes(chair))).toContain(KM_TEXT);
    await expect.poll(() => editorText(minutes(resident))).toContain(KM_TEXT);
    expect(await minutes(resident).getAttribute('contenteditable')).toBe('false');
  });

  test('attendance and a decision at the table show up for everyone', async () => {
    // Recorded by the server: the box shows the recorded state once the answer is in.
    for (const box of [section(chair).getByRole('checkbox', { name: /Sander Willemsen/ }), section(chair).getByRole('checkbox', { name: /Sanne Verbeek/ }), section(chair).getByRole('radio', { name: 'Ja' })]) {
      await box.click();
      await expect.poll(() => box.isChecked()).toBe(true);
    }
    await section(km).getByLabel('Besluit noteren').fill('Vader blijft betrokken; de afwijking wordt voorgelegd aan de teamleider.');
    await section(km).getByRole('button', { name: 'Besluit noteren' }).click();
    await expect.poll(() => section(resident).locator('.overleg-besluiten-paneel').textContent(), { timeout: 10_000 }).toContain('Vader blijft betrokken');
    await expect.poll(() => section(resident).locator('.overleg-aanwezigheid').textContent(), { timeout: 10_000 }).toContain('Sanne Verbeek (Inwoner / gezinslid): aanwezig');
    expect(await section(resident).locator('.overleg-aanwezigheid').textContent()).toContain('Huishouden deelgenomen: ja');
    await expectAccessible(chair, 'voorzitter tijdens het overleg');
    await expectAccessible(km, 'klantmanager tijdens het overleg');
    await expectAccessible(resident, 'inwoner tijdens het overleg');
    await shot(section(resident), 'overleg-inwoner');
  });

  test('the chair closes the conference and adopts the plan; the others see it closed', async () => {
    expect(await section(km).getByRole('button', { name: 'Overleg afsluiten en plan vaststellen' }).count()).toBe(0);
    await section(chair).getByRole('button', { name: 'Overleg afsluiten en plan vaststellen' }).click();
    await section(chair).getByRole('heading', { name: 'Overleg afsluiten en plan vaststellen?' }).waitFor();
    await expectAccessible(chair, 'bevestiging afsluiten');
    await section(chair).getByRole('button', { name: 'Ja, afsluiten en vaststellen' }).click();
    const done = section(chair).getByRole('status').filter({ hasText: 'Het overleg is afgesloten' });
    await done.waitFor();
    adopted = Number(/versie (\d+)/.exec((await done.textContent()) ?? '')?.[1]);
    expect(adopted).toBeGreaterThan(0);
    // The chair sees the frozen minutes.
    await expect.poll(() => section(chair).locator('.overleg-notulen-vast').textContent()).toContain(KM_TEXT);
    // The others' rooms were closed by the server; their pages show the conference as past.
    for (const page of [km, resident]) {
      await expect.poll(() => section(page).locator('.overleg-eerder').textContent(), { timeout: 15_000 }).toContain(`plan vastgesteld als versie ${adopted}`);
      expect(await section(page).locator('ol.overleg-punten').count()).toBe(0);
    }
    // The version it adopted is listed at once under "Vastgestelde versies", for the chair too.
    for (const page of [chair, km]) {
      await expect.poll(() => page.locator('table.versies tbody tr').filter({ hasText: `Versie ${adopted}` }).count(), { timeout: 5000 }).toBe(1);
    }
    await shot(section(chair), 'overleg-afgesloten');
  });

  test('the resident opens the past conference read-only and sees the new plan version', async () => {
    await section(resident).getByRole('button', { name: /Verslag openen/ }).click();
    const past = section(resident).locator('.overleg-verslag');
    await expect.poll(() => past.textContent()).toContain(CHAIR_TEXT);
    expect(await past.textContent()).toContain(`Versie ${adopted}`);
    expect(await past.getByRole('textbox').count()).toBe(0);
    await expectAccessible(resident, 'inwoner, afgesloten overleg');

    // Without reloading: the resident's page fetched her view again when the conference ended.
    // The resident's own page names the adopted version ("Versie n, vastgesteld op …"); the
    // conference section's own mention of it does not count.
    const versionShown = () =>
      resident.locator('article').first().evaluate((el, n) => {
        const copy = el.cloneNode(true) as HTMLElement;
        copy.querySelector('section[aria-labelledby="overleg-kop"]')?.remove();
        return new RegExp(`Versie ${n}(?!\\d)`).test(copy.textContent ?? '');
      }, adopted);
    await expect.poll(versionShown, { timeout: 15_000 }).toBe(true);
    // And it stays after a reload.
    await resident.reload();
    await resident.getByRole('heading', { name: CASE_TITLE, level: 1 }).waitFor();
    await expect.poll(versionShown, { timeout: 15_000 }).toBe(true);
    // The same through the API, in the resident's own session.
    const versions = await resident.request.get(`${server.url}/api/cases/${caseId}/plan/versions`);
    expect(versions.status()).toBe(200);
    expect(((await versions.json()) as { number: number }[]).map((v) => v.number)).toContain(adopted);
    // The login page asks who is logged in before anyone is: that one 401 is expected.
    expect(people.errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
  });
});
