import { Link } from '../components/Link';
import { useInboxCount, waitingText } from './useInboxCount';

/**
 * "Postvak" in the menu, with the number of items that wait on the user. A screen reader hears
 * "Postvak 3 items wachten op u"; the visible "Postvak 3" stays part of that name (WCAG 2.5.3).
 */
export function InboxNavLink() {
  const { count } = useInboxCount();
  const waiting = count ?? 0;
  return (
    <Link href="/postvak" data-postvak-teller={count ?? undefined}>
      Postvak
      {waiting > 0 && (
        <>
          {' '}
          <span className="postvak-teller">{waiting}</span>
          <span className="sr-only"> {waitingText(waiting).replace(/^\d+ /, '')}</span>
        </>
      )}
    </Link>
  );
}
