// Client-side routes on the History API; the server answers every non-API path with the app.
// PAGES is the one list of pages: parse() reads it, and the reflow test (tests/e2e/reflow.test.ts)
// visits every entry, so a page added here is checked at 320 px without touching the test.
import { useEffect, useState } from 'react';
import type { GlobalAction } from '../../shared/permissions';

export interface PageDef {
  page: string;
  /** Path pattern; `:name` is one path segment, `:name?` an optional last one. */
  path: string;
  /** The global permission the page asks for; without it, everyone signed in can open it. */
  needs?: GlobalAction;
}

export const PAGES = [
  { page: 'werkbak', path: '/' },
  { page: 'new-case', path: '/casussen/nieuw', needs: 'case.create' },
  // A case and, optionally, one of its sections (client/src/cases/sections.ts): /casussen/<id>/<sectie>.
  // Others may add a query for what to open inside a section, e.g. ?vraagstuk=<id>&stap=3.
  { page: 'case', path: '/casussen/:id/:section?' },
  { page: 'admin-users', path: '/beheer/gebruikers', needs: 'users.manage' },
  { page: 'admin-sso', path: '/beheer/inloggen', needs: 'users.manage' },
  { page: 'admin-mandates', path: '/beheer/mandaten', needs: 'mandates.manage' },
  { page: 'admin-catalogue', path: '/beheer/wetten', needs: 'catalogue.manage' },
  { page: 'admin-signals', path: '/beheer/signalen', needs: 'signals.manage' },
  { page: 'stuck', path: '/vastgelopen', needs: 'stuck.overview' },
  { page: 'knelpunten', path: '/knelpunten', needs: 'knelpunten.view' },
  { page: 'postvak', path: '/postvak' },
  { page: 'intervisie', path: '/intervisie', needs: 'intervision.join' },
  { page: 'intervisie-sessie', path: '/intervisie/:id', needs: 'intervision.join' },
  { page: 'succesverhalen', path: '/succesverhalen', needs: 'successstories.read' },
] as const satisfies readonly PageDef[];

type Defs = (typeof PAGES)[number];
type Param<S extends string> = S extends `${infer H}/${infer T}` ? Param<H> | Param<T> : S extends `:${infer N}?` ? never : S extends `:${infer N}` ? N : never;
type OptionalParam<S extends string> = S extends `${infer H}/${infer T}` ? OptionalParam<H> | OptionalParam<T> : S extends `:${infer N}?` ? N : never;
type RouteOf<D extends Defs> = { page: D['page'] } & { [K in Param<D['path']>]: string } & { [K in OptionalParam<D['path']>]?: string };

export type PageName = Defs['page'];
export type Route = (Defs extends infer D ? (D extends Defs ? RouteOf<D> : never) : never) | { page: 'not-found' };

function match(pattern: string, pathname: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const got = pathname.split('/').filter(Boolean);
  if (got.length > want.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const g = got[i];
    if (w.startsWith(':')) {
      const optional = w.endsWith('?');
      if (g === undefined) {
        if (optional) continue;
        return null;
      }
      params[w.slice(1, optional ? -1 : undefined)] = decodeURIComponent(g);
    } else if (g !== w) return null;
  }
  return params;
}

export function parse(pathname: string): Route {
  const path = pathname === '/werkbak' ? '/' : pathname;
  for (const def of PAGES) {
    const params = match(def.path, path);
    if (params) return { page: def.page, ...params } as Route;
  }
  return { page: 'not-found' };
}

/** The path of a page, e.g. pathOf('/casussen/:id/:section?', { id }) is /casussen/<id>. */
export function pathOf(pattern: string, params: Record<string, string | undefined>): string {
  const parts = pattern
    .split('/')
    .filter(Boolean)
    .map((p) => {
      if (!p.startsWith(':')) return p;
      const v = params[p.slice(1).replace(/\?$/, '')];
      if (v === undefined && !p.endsWith('?')) throw new Error(`${pattern}: ${p} ontbreekt`);
      return v === undefined ? undefined : encodeURIComponent(v);
    })
    .filter((p) => p !== undefined);
  return '/' + parts.join('/');
}

/** Like navigate, without a history entry: for a page that only sends the user on. */
export function replace(to: string): void {
  if (to === window.location.pathname) return;
  window.history.replaceState(null, '', to);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export function navigate(to: string): void {
  if (to === window.location.pathname + window.location.search) return;
  window.history.pushState(null, '', to);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parse(window.location.pathname));
  useEffect(() => {
    const on = () => setRoute(parse(window.location.pathname));
    window.addEventListener('popstate', on);
    return () => window.removeEventListener('popstate', on);
  }, []);
  return route;
}
