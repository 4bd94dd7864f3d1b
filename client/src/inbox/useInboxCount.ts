// How many Postvak items wait on the user: the number in the menu. One reload() counts again; it
// runs when the change feed says this user's Postvak changed ('inbox' topic, server/live/feed.ts),
// on every navigation, after the user's own actions that change it (inboxChanged) and on focus.
import { useCallback, useEffect, useRef, useState } from 'react';
import { get } from '../api';
import type { Inbox } from '../../../shared/schemas';
import { useFeed } from '../live/useFeed';
import { INBOX_CHANGED } from './flash';

export function useInboxCount(): { count: number | null; reload: () => void } {
  const [count, setCount] = useState<number | null>(null);
  const alive = useRef(true);
  const reload = useCallback(() => {
    get<Inbox>('/api/inbox').then(
      (r) => alive.current && setCount(r.waiting),
      () => undefined,
    );
  }, []);
  useFeed(null, ['inbox'], reload);
  useEffect(() => {
    alive.current = true;
    reload();
    window.addEventListener('popstate', reload);
    window.addEventListener('focus', reload);
    window.addEventListener(INBOX_CHANGED, reload);
    return () => {
      alive.current = false;
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
