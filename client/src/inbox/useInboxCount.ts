// How many Postvak items wait on the user: the number in the menu. One reload() counts again; it
// runs on every navigation, after actions that change the Postvak (inboxChanged) and when the
// window gets focus again. A live feed can call the same reload() when the 'inbox' topic moves.
import { useCallback, useEffect, useRef, useState } from 'react';
import { get } from '../api';
import type { Inbox } from '../../../shared/schemas';
import { INBOX_CHANGED } from './flash';

/** Until the live feed drives reload(): count again now and then, so a long-open page does not lie for long. */
const FALLBACK_MS = 60_000;

export function useInboxCount(): { count: number | null; reload: () => void } {
  const [count, setCount] = useState<number | null>(null);
  const alive = useRef(true);
  const reload = useCallback(() => {
    get<Inbox>('/api/inbox').then(
      (r) => alive.current && setCount(r.waiting),
      () => undefined,
    );
  }, []);
  useEffect(() => {
    alive.current = true;
    reload();
    const timer = setInterval(reload, FALLBACK_MS);
    window.addEventListener('popstate', reload);
    window.addEventListener('focus', reload);
    window.addEventListener(INBOX_CHANGED, reload);
    return () => {
      alive.current = false;
      clearInterval(timer);
      window.removeEventListener('popstate', reload);
      window.removeEventListener('focus', reload);
      window.removeEventListener(INBOX_CHANGED, reload);
    };
  }, [reload]);
  return { count, reload };
}

/** "3 items wachten op u": what the count says to a screen reader. */
export function waitingText(count: number): string {
  return count === 1 ? '1 item wacht op u' : `${count} items wachten op u`;
}
