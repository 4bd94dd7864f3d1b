// Headless Debian Chromium driven by playwright-core. Without a browser the e2e tests are
// skipped with a clear message on a developer machine, and fail in CI (CI=true) or when
// REQUIRE_BROWSER=1, so a missing browser can never turn CI green.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_PASSWORD, demoEmail } from './server';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const browserRequired = process.env.CI === 'true' || process.env.REQUIRE_BROWSER === '1';
export const browserAvailable = existsSync(CHROMIUM_PATH);

if (!browserAvailable) {
  const msg = `Chromium niet gevonden op ${CHROMIUM_PATH}: browsertests ${browserRequired ? 'zijn verplicht en falen' : 'worden overgeslagen'}. Installeer met: apt-get install chromium`;
  if (browserRequired) throw new Error(msg);
  console.warn(msg);
}

export interface BrowserHandle {
  browser: Browser;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<BrowserHandle> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // The machine has no outside network: background networking would stall on refused connections.
    // Playwright gives every launch a fresh, temporary profile (user data dir) of its own.
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return {
    browser,
    async close() {
      await browser.close();
    },
  };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core with the WCAG 2.1 A/AA rules; returns serious and critical violations. */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, so the page's strict CSP (no inline scripts) stays on.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ passes: unknown[]; violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return {
      passes: result.passes.length,
      violations: result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })),
    };
  });
  // A run that checked nothing would pass any page: make sure the rules really ran.
  if (violations.passes === 0) throw new Error('axe-core heeft geen enkele regel gecontroleerd');
  return violations.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Asserts that axe-core finds no serious or critical WCAG 2.1 A/AA violation on the page as it is now. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const violations = await seriousA11yViolations(page);
  expect(violations, `${what}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

/** With E2E_SCREENSHOTS=<dir>, saves what the user sees, for looking at the design by hand. */
export async function shot(target: Page, name: string, opts?: { fullPage?: boolean }): Promise<void>;
export async function shot(target: Locator, name: string): Promise<void>;
export async function shot(target: Page | Locator, name: string, opts: { fullPage?: boolean } = {}): Promise<void> {
  const dir = process.env.E2E_SCREENSHOTS;
  if (!dir) return;
  const path = `${dir}/${name}.png`;
  // A page has goto, a locator has not; only a page has a full-page screenshot.
  if ('goto' in target) await target.screenshot({ path, fullPage: opts.fullPage ?? false });
  else await target.screenshot({ path });
}

/** The document text of a live editor, without the other people's caret labels. */
export function editorText(editor: Locator): Promise<string> {
  return editor.evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.collab-caret').forEach((c) => c.remove());
    return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
  });
}

/** Types at the very end of an editor's text, like a person would. */
export async function typeAtEnd(page: Page, editor: Locator, text: string): Promise<void> {
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text);
}

export interface LoginOptions {
  now?: Date;
  locale?: string;
  /** Defaults to 1280 × 900. */
  viewport?: { width: number; height: number };
}

/**
 * A fresh browser context (its own cookies: another person), logged in as a demo account.
 * Console errors, page errors and CSP violations are collected in `errors`, prefixed with the key.
 */
export async function loggedInPage(
  browser: Browser,
  url: string,
  key: string,
  errors: string[],
  opts: LoginOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1280, height: 900 }, ...(opts.locale ? { locale: opts.locale } : {}) });
  if (opts.now) await context.clock.setFixedTime(opts.now);
  // Injected through the DevTools protocol, so the page's own CSP does not block it.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP blocked ${e.violatedDirective}: ${e.blockedURI || e.sample}`));
  });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${key}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`${key}: ${e.message}`));
  await page.goto(url);
  await page.getByLabel('E-mailadres').fill(demoEmail(key));
  await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  return { context, page };
}

/**
 * One Chromium for a test file and the people in it. Each person signs in in a context of their
 * own; console errors, page errors and CSP violations of all of them land in `errors`, prefixed
 * with the demo key. `close()` closes every context and the browser.
 */
export class BrowserPeople {
  readonly errors: string[] = [];
  private readonly contexts: BrowserContext[] = [];
  private handle: BrowserHandle | undefined;
  private url = '';

  /** `defaults` go with every sign-in, e.g. the Dutch locale the date inputs need. */
  constructor(private readonly defaults: LoginOptions = { locale: 'nl-NL' }) {}

  /** Starts Chromium; people sign in at `url`, the app. */
  async launch(url: string): Promise<void> {
    this.handle = await launchBrowser();
    this.url = url;
  }

  get browser(): Browser {
    if (!this.handle) throw new Error('call launch() first');
    return this.handle.browser;
  }

  /** A context that nobody is signed in to yet, closed with the others. */
  async newContext(options: BrowserContextOptions = {}): Promise<BrowserContext> {
    const context = await this.browser.newContext(options);
    this.contexts.push(context);
    return context;
  }

  async loginAs(key: string, opts: LoginOptions = {}): Promise<Page> {
    const { context, page } = await loggedInPage(this.browser, this.url, key, this.errors, { ...this.defaults, ...opts });
    this.contexts.push(context);
    return page;
  }

  /**
   * Signs in and opens the case `title` from the werkbak; `ready` waits for the part of the case
   * page the test is about, so that the test starts on a loaded page.
   */
  async openCaseAs(key: string, title: string, ready: (page: Page) => Promise<unknown> = async () => undefined, opts: LoginOptions = {}): Promise<Page> {
    const page = await this.loginAs(key, opts);
    // A household member with one case lands on it straight away; everyone else picks it from a list.
    const heading = page.getByRole('heading', { name: title, level: 1 });
    // Exact: what waits on the user ("Wacht op uw besluit: <title>") links to the case too.
    const link = page.getByRole('link', { name: title, exact: true });
    await link.or(heading).first().waitFor();
    if (!(await heading.isVisible())) await link.click();
    await heading.waitFor();
    await ready(page);
    return page;
  }

  async close(): Promise<void> {
    for (const c of this.contexts) await c.close().catch(() => undefined);
    await this.handle?.close();
  }
}

/**
 * Presses Tab until the focused element's accessible text is `name` (as a keyboard user would
 * reach it) and returns how many presses that took; throws after `max` presses.
 */
export async function tabsUntil(page: Page, name: string, max = 300): Promise<number> {
  for (let n = 1; n <= max; n++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return (el?.getAttribute('aria-label') ?? el?.textContent ?? '').replace(/\s+/g, ' ').trim();
    });
    if (focused === name) return n;
  }
  throw new Error(`"${name}" niet bereikt na ${max} keer Tab`);
}
