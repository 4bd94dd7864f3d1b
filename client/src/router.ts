// Client-side routes on the History API; the server answers every non-API path with the app.
import { useEffect, useState } from 'react';

export type Route =
  | { page: 'werkbak' }
  | { page: 'case'; id: string }
  | { page: 'new-case' }
  | { page: 'admin-users' }
  | { page: 'admin-sso' }
  | { page: 'admin-mandates' }
  | { page: 'admin-catalogue' }
  | { page: 'stuck' }
  | { page: 'knelpunten' }
  | { page: 'admin-signals' }
  | { page: 'postvak' }
  | { page: 'intervisie' }
  | { page: 'intervisie-sessie'; id: string }
  | { page: 'succesverhalen' }
  | { page: 'not-found' };

export function parse(pathname: string): Route {
  if (pathname === '/' || pathname === '/werkbak') return { page: 'werkbak' };
  if (pathname === '/casussen/nieuw') return { page: 'new-case' };
  const m = /^\/casussen\/([^/]+)$/.exec(pathname);
  if (m) return { page: 'case', id: decodeURIComponent(m[1]!) };
  if (pathname === '/beheer/gebruikers') return { page: 'admin-users' };
  if (pathname === '/beheer/inloggen') return { page: 'admin-sso' };
  if (pathname === '/beheer/mandaten') return { page: 'admin-mandates' };
  if (pathname === '/beheer/wetten') return { page: 'admin-catalogue' };
  if (pathname === '/vastgelopen') return { page: 'stuck' };
  if (pathname === '/knelpunten') return { page: 'knelpunten' };
  if (pathname === '/beheer/signalen') return { page: 'admin-signals' };
  if (pathname === '/postvak') return { page: 'postvak' };
  if (pathname === '/intervisie') return { page: 'intervisie' };
  const iv = /^\/intervisie\/([^/]+)$/.exec(pathname);
  if (iv) return { page: 'intervisie-sessie', id: decodeURIComponent(iv[1]!) };
  if (pathname === '/succesverhalen') return { page: 'succesverhalen' };
  return { page: 'not-found' };
}

/** Like navigate, without a history entry: for a page that only sends the user on. */
export function replace(to: string): void {
  if (to === window.location.pathname) return;
  window.history.replaceState(null, '', to);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export function navigate(to: string): void {
  if (to === window.location.pathname) return;
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
