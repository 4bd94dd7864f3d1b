// The case page has its own navigation: a contents list (sticky beside the sections on a wide
// screen) with a URL per section, /casussen/<id>/<sectie>. A link opens the section with the
// keyboard focus on its heading; a deep link does the same on a fresh load; back and forward
// move between sections; a query on the URL is left for the section to read. With the keyboard,
// "Casusoverleg starten", "Afwijking voorstellen" and "Casus sluiten" are a few Tabs away
// through the contents; the counts are printed for the report.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { CASE_SECTIONS } from '../../client/src/cases/sections';
import { startTestServer, type TestServer } from '../support/server';
import { browserAvailable, BrowserPeople, expectAccessible, tabsUntil } from '../support/browser';

const CASE_TITLE = 'Gezin Verbeek';
const WIDE = { width: 1366, height: 900 };

describe.skipIf(!browserAvailable)('navigatie op de casuspagina', () => {
  let server: TestServer;
  const people = new BrowserPeople({ locale: 'nl-NL', viewport: WIDE });
  let page: Page;
  let base = '';

  const contents = (p: Page) => p.getByRole('navigation', { name: 'Onderdelen van de casus' });
  const focusedId = (p: Page) => p.evaluate(() => document.activeElement?.id ?? '');
  /** Whether the heading is on screen (the last sections cannot scroll up to the very top). */
  const onScreen = (p: Page, id: string) =>
    p.evaluate((i) => {
      const r = document.getElementById(i)!.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    }, id);
  const path = (p: Page) => new URL(p.url()).pathname;
  /** The case page has loaded its live parts (plan, members, conference). */
  const loaded = async (p: Page) => {
    await p.getByRole('heading', { name: /Wie doet wat/ }).waitFor();
    await p.getByRole('button', { name: 'Casusoverleg starten' }).waitFor();
    await p.waitForFunction(() => !document.querySelector('.laden'));
  };

  beforeAll(async () => {
    server = await startTestServer();
    await people.launch(server.url);
    page = await people.openCaseAs('casusregisseur', CASE_TITLE, loaded);
    base = path(page);
  });

  afterAll(async () => {
    await people.close();
    await server?.stop();
  });

  test('the contents list every section this person sees, each with its own URL', async () => {
    const links = contents(page).getByRole('link');
    const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    const labels = await links.allTextContents();
    expect(labels).toContain('Casusoverleg');
    expect(labels).toContain('Wie doet wat');
    expect(labels).toContain('Status en afsluiting');
    for (const [i, label] of labels.entries()) {
      const section = CASE_SECTIONS.find((s) => s.label === label)!;
      expect(hrefs[i]).toBe(`${base}/${section.slug}`);
      // Every listed section is on the page.
      expect(await page.locator(`#${section.headingId}`).count(), label).toBe(1);
    }
    await expectAccessible(page, 'casuspagina met inhoud');
  });

  test('a link opens its section: URL, focus on the heading, in view, marked as current', async () => {
    await contents(page).getByRole('link', { name: 'Wie doet wat' }).click();
    await expect.poll(() => path(page)).toBe(`${base}/leden`);
    await expect.poll(() => focusedId(page)).toBe('leden-kop');
    expect(await onScreen(page, 'leden-kop')).toBe(true);
    expect(await contents(page).getByRole('link', { name: 'Wie doet wat' }).getAttribute('aria-current')).toBe('location');
    expect(await contents(page).locator('[aria-current]').count()).toBe(1);
    expect(await page.title()).toBe(`Wie doet wat – ${CASE_TITLE} – Casustafel`);
    // The contents stay in reach while the page is scrolled down (sticky).
    expect(await contents(page).getByRole('link', { name: 'Casusoverleg' }).isVisible()).toBe(true);
    const box = await contents(page).boundingBox();
    expect(box!.y).toBeLessThan(WIDE.height);
    expect(box!.y + box!.height).toBeGreaterThan(0);
  });

  test('back and forward move between sections', async () => {
    await contents(page).getByRole('link', { name: 'Afwijkingen' }).click();
    await expect.poll(() => focusedId(page)).toBe('afwijkingen-kop');
    await contents(page).getByRole('link', { name: 'Status en afsluiting' }).click();
    await expect.poll(() => focusedId(page)).toBe('status-kop');
    expect(await onScreen(page, 'status-kop')).toBe(true);

    await page.goBack();
    await expect.poll(() => path(page)).toBe(`${base}/afwijkingen`);
    await expect.poll(() => focusedId(page)).toBe('afwijkingen-kop');
    expect(await onScreen(page, 'afwijkingen-kop')).toBe(true);
    await page.goBack();
    await expect.poll(() => path(page)).toBe(`${base}/leden`);
    await expect.poll(() => focusedId(page)).toBe('leden-kop');
    await page.goForward();
    await expect.poll(() => path(page)).toBe(`${base}/afwijkingen`);
    await expect.poll(() => focusedId(page)).toBe('afwijkingen-kop');
    expect(await onScreen(page, 'afwijkingen-kop')).toBe(true);
  });

  test('a deep link opens the section on a fresh load, below the live plan that loads above it', async () => {
    const other = await people.loginAs('klantmanager', { viewport: WIDE });
    await other.getByRole('button', { name: 'Uitloggen' }).waitFor();
    await other.goto(`${server.url}${base}/signalen`);
    await other.getByRole('heading', { name: 'Signalen en regie' }).waitFor();
    await expect.poll(() => focusedId(other)).toBe('vastgelopen-kop');
    await expect.poll(() => other.locator('.laden').count()).toBe(0);
    await expect.poll(() => onScreen(other, 'vastgelopen-kop')).toBe(true);
    expect(await other.title()).toBe(`Signalen en regie – ${CASE_TITLE} – Casustafel`);

    // A query is left for the section to read (e.g. which vraagstuk and step to open).
    await other.goto(`${server.url}${base}/vraagstukken?vraagstuk=abc&stap=3`);
    await expect.poll(() => focusedId(other)).toBe('toets-kop');
    expect(new URL(other.url()).search).toBe('?vraagstuk=abc&stap=3');
    // An unknown section opens the case at the top.
    await other.goto(`${server.url}${base}/bestaat-niet`);
    await other.getByRole('heading', { name: CASE_TITLE, level: 1 }).waitFor();
    expect(await other.getByRole('heading', { name: 'Pagina niet gevonden' }).count()).toBe(0);
  });

  test('with the keyboard, the main actions are a few Tabs away through the contents', async () => {
    const counts: Record<string, { via: number; without: number }> = {};
    const targets = [
      ['Casusoverleg', 'Casusoverleg starten'],
      ['Afwijkingen', 'Afwijking voorstellen'],
      ['Status en afsluiting', 'Casus sluiten'],
    ] as const;
    for (const [link, action] of targets) {
      // As the page is left after opening the case: focus on its title.
      await page.goto(server.url + base);
      await loaded(page);
      await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
      const toLink = await tabsUntil(page, link);
      await page.keyboard.press('Enter');
      await expect.poll(() => path(page)).toMatch(/\/casussen\/[^/]+\/[a-z]+$/);
      const toAction = await tabsUntil(page, action);
      // The same action reached by Tab alone, past everything above it.
      await page.goto(server.url + base);
      await loaded(page);
      await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
      counts[action] = { via: toLink + 1 + toAction, without: await tabsUntil(page, action) };
    }
    console.log(`Toetsaanslagen (Tab + Enter) vanaf de paginatitel, via de inhoud / alleen Tab: ${JSON.stringify(counts)}`);
    for (const [action, c] of Object.entries(counts)) {
      expect(c.via, action).toBeLessThanOrEqual(20);
      expect(c.via, action).toBeLessThan(c.without);
    }
    expect(people.errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
  }, 120_000);
});
