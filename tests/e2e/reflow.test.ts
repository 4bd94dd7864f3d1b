// WCAG 1.4.10 Reflow: at 320 CSS px wide (1280 px at 400 % zoom) no page scrolls sideways.
// Every page in the client's router (PAGES in client/src/router.ts) is visited by every active
// demo account that may open it, with real ids for the pages that take one; a page added to the
// router is visited without changing this file, and one with a new parameter fails the type check
// until PARAMS says where its ids come from. On failure the test names the elements that stick
// out. axe-core stays clean at this width too.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { PAGES, pathOf } from '../../client/src/router';
import { can } from '../../shared/permissions';
import { DEMO_ACCOUNTS } from '../../server/demo/households';
import { demoAccounts, startTestServer, type TestServer } from '../support/server';
import { browserAvailable, BrowserPeople, expectAccessible, seriousA11yViolations } from '../support/browser';

const NARROW = { width: 320, height: 720 };

type PageDef = (typeof PAGES)[number];
type WithParams = Extract<PageDef, { path: `${string}:${string}` }>;
type Key = string;

let server: TestServer;
const people = new BrowserPeople({ locale: 'nl-NL', viewport: NARROW });
const { as } = demoAccounts(() => server);
let intervisionId = '';

/** Where each page with a parameter gets its values, per account. */
const PARAMS: { [P in WithParams['page']]: (key: Key) => Promise<Record<string, string>[]> } = {
  // Every case the account is a member of, open or closed (the sections are parts of the same page).
  case: async (key) => {
    const res = await (await as(key)).get('/api/cases');
    expect(res.status).toBe(200);
    return (res.body as { id: string }[]).map((c) => ({ id: c.id }));
  },
  // A session made in beforeAll; a colleague who is not in it gets the page that says so.
  'intervisie-sessie': async () => [{ id: intervisionId }],
};

/** The URLs an account visits: every page it may open, with every value of its parameters. */
async function urlsFor(key: Key, functie: (typeof DEMO_ACCOUNTS)[number]['functie']): Promise<string[]> {
  const urls: string[] = [];
  for (const def of PAGES as readonly PageDef[]) {
    if ('needs' in def && !can(functie, def.needs)) continue;
    if (def.path.includes(':')) {
      for (const params of await PARAMS[def.page as WithParams['page']](key)) urls.push(pathOf(def.path, params));
    } else urls.push(def.path);
  }
  return urls;
}

/** The elements that make the page wider than the window, outermost first; empty when none. */
function tooWide(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    const describe = (el: Element) => {
      const cls = typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\s+/).join('.') : '';
      const r = el.getBoundingClientRect();
      return `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${cls} (${Math.round(r.left)}–${Math.round(r.right)} px) “${(el.textContent ?? '').trim().slice(0, 40)}”`;
    };
    // An element sticks out when its right edge passes the window and no ancestor clips or scrolls it.
    const clipped = (el: Element) => {
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const o = getComputedStyle(a).overflowX;
        if (o !== 'visible') return true;
      }
      return false;
    };
    const out = [...document.body.querySelectorAll('*')].filter((el) => el.getBoundingClientRect().right > width + 0.5 && !clipped(el));
    // Report where it starts (an element whose parent still fits) and the innermost culprits.
    const starts = out.filter((el) => !el.parentElement || el.parentElement.getBoundingClientRect().right <= width + 0.5);
    const innermost = out.filter((el) => !out.some((o) => o !== el && el.contains(o)));
    return [`scrollWidth ${document.documentElement.scrollWidth} > ${width}`, ...starts.slice(0, 4).map(describe), ...innermost.slice(0, 4).map((el) => `binnenin: ${describe(el)}`)];
  });
}

/** Waits until the page has its heading and nothing says "… laden…" any more. */
async function settled(page: Page): Promise<void> {
  await page.locator('h1').first().waitFor();
  await expect.poll(() => page.locator('.laden').count(), { timeout: 15_000 }).toBe(0);
  await page.evaluate(() => document.fonts.ready);
}

describe.skipIf(!browserAvailable)('reflow at 320 px', () => {
  beforeAll(async () => {
    server = await startTestServer();
    await people.launch(server.url);
    // Something on every kind of page: a running conference on Gezin Verbeek (agenda, timer,
    // presence, also in the resident's view) and an intervision session.
    const regisseur = await as('casusregisseur');
    const verbeek = ((await regisseur.get('/api/cases')).body as { id: string; title: string }[]).find((c) => c.title === 'Gezin Verbeek')!;
    expect((await regisseur.post(`/api/cases/${verbeek.id}/conferences`, {})).status).toBe(201);
    const session = await (await as('procesregisseur')).post(`/api/cases/${verbeek.id}/intervision`, {});
    expect(session.status, JSON.stringify(session.body)).toBe(201);
    intervisionId = session.body.id;
  });

  afterAll(async () => {
    await people.close();
    await server?.stop();
  });

  test('the login page reflows', async () => {
    const context = await people.newContext({ viewport: NARROW, locale: 'nl-NL' });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Inloggen' }).waitFor();
    expect(await tooWide(page)).toEqual([]);
    await expectAccessible(page, 'inlogpagina op 320 px');
  });

  test('the pages outside the router reflow: a new password on first login, and "not found"', async () => {
    const created = await (await as('beheer')).post('/api/admin/users', {
      email: 'nieuwe.collega@zuiderhaven.example',
      name: 'Nieuwe Collega',
      functie: 'consulent_wmo',
      organisation: 'Gemeente Zuiderhaven, Wmo-team',
      temporaryPassword: 'Tijdelijk-wachtwoord-01',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const context = await people.newContext({ viewport: NARROW, locale: 'nl-NL' });
    const fresh = await context.newPage();
    await fresh.goto(server.url);
    await fresh.getByLabel('E-mailadres').fill('nieuwe.collega@zuiderhaven.example');
    await fresh.getByLabel('Wachtwoord').fill('Tijdelijk-wachtwoord-01');
    await fresh.getByRole('button', { name: 'Inloggen' }).click();
    await fresh.getByRole('heading', { name: /wachtwoord/i, level: 1 }).waitFor();
    expect(await tooWide(fresh)).toEqual([]);
    await expectAccessible(fresh, 'nieuw wachtwoord kiezen op 320 px');

    const page = await people.loginAs('ggz');
    await page.getByRole('button', { name: 'Uitloggen' }).waitFor();
    await page.goto(`${server.url}/bestaat/niet`);
    await page.getByRole('heading', { name: 'Pagina niet gevonden' }).waitFor();
    expect(await tooWide(page)).toEqual([]);
    await expectAccessible(page, 'pagina niet gevonden op 320 px');
  });

  const accounts = DEMO_ACCOUNTS.filter((a) => a.active !== false);
  test.each(accounts.map((a) => [a.key, a.functie] as const))('every page reflows for %s (%s)', async (key, functie) => {
    const urls = await urlsFor(key, functie);
    expect(urls.length).toBeGreaterThan(0);
    const page = await people.loginAs(key);
    await page.getByRole('button', { name: 'Uitloggen' }).waitFor();
    // Refusals the pages expect: the session check before signing in, and an intervision session
    // that this colleague is not part of. Any other 4xx or 5xx is a broken page.
    const refused: string[] = [];
    page.on('response', (r) => {
      const path = new URL(r.url()).pathname;
      if (r.status() < 400) return;
      if (r.status() === 404 && path === `/api/intervision/${intervisionId}`) return;
      refused.push(`${r.status()} ${path}`);
    });
    // Every page first, then one report of all that stick out or fail axe.
    const failures: Record<string, string[]> = {};
    const axe: Record<string, string[]> = {};
    for (const url of urls) {
      await page.goto(server.url + url);
      await settled(page);
      // Still signed in: a login page here would check the wrong page.
      expect(await page.getByRole('button', { name: 'Uitloggen' }).count(), url).toBe(1);
      const wide = await tooWide(page);
      if (wide.length > 0) failures[url] = wide;
      // The forms folded away in <details> (propose a deviation, add a goal, …) must fit as well.
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
      const opened = await tooWide(page);
      if (opened.length > 0) failures[`${url} (alles uitgeklapt)`] = opened;
      const violations = await seriousA11yViolations(page);
      if (violations.length > 0) axe[url] = violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    }
    expect(failures, `te breed op 320 px als ${key}`).toEqual({});
    expect(axe, `axe op 320 px als ${key}`).toEqual({});
    expect(refused).toEqual([]);
    // The browser logs each refused request as an error; those were checked above.
    expect(people.errors.filter((e) => e.startsWith(`${key}:`) && !e.includes('Failed to load resource: the server responded with a status of 4'))).toEqual([]);
  }, 300_000);
});
