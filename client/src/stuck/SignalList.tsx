import type { CaseSignal } from '../../../shared/schemas';

/** The signals of one case, each with its reason; the same list on the case page and in the overview. */
export function SignalList({ signals, empty }: { signals: CaseSignal[]; empty?: string }) {
  if (signals.length === 0) return empty ? <p className="leeg">{empty}</p> : null;
  return (
    <ul className="signalen">
      {signals.map((s) => (
        <li key={s.key} className={`signaal signaal-${s.key}`}>
          <strong>{s.label}</strong>
          <span className="signaal-reden">{s.reason}</span>
        </li>
      ))}
    </ul>
  );
}
