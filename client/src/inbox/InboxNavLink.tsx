import { Link } from '../components/Link';
import { useInboxCount, waitingText } from './useInboxCount';

/** "Postvak" in the menu, with the number of items that wait on the user. */
export function InboxNavLink() {
  const { count } = useInboxCount();
  const waiting = count ?? 0;
  return (
    <Link href="/postvak" aria-label={waiting > 0 ? `Postvak, ${waitingText(waiting)}` : undefined} data-postvak-teller={count ?? undefined}>
      Postvak
      {waiting > 0 && (
        <span className="postvak-teller" aria-hidden="true">
          {waiting}
        </span>
      )}
    </Link>
  );
}
