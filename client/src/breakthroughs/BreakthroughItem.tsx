// One breakthrough request: its status and whom it waits for, what it asks and why, the cost
// comparison, the decision trail with mandates (rugdekking), the outcome, and the forms for
// whatever this viewer may do next (the server says what that is in `can`).
import { useEffect, useRef, useState } from 'react';
import { ago, formatDate, formatDay } from '../format';
import { BREAKTHROUGH_KINDS, BREAKTHROUGH_STATUS_LABELS, BREAKTHROUGH_TYPES, type BreakthroughStatus } from '../../../shared/breakthroughs';
import { lawByKey, MANDATE_LABELS } from '../../../shared/laws';
import { type Breakthrough, type BreakthroughEvent, DEVIATION_STATUS_LABELS } from '../../../shared/schemas';
import { CostComparison } from './CostComparison';
import { DecisionForm } from './DecisionForm';
import { Downloads, EscalateForm, ExportForm, WithdrawForm } from './FollowUpForms';
import { formatEuro } from './money';
import { OutcomeForm } from './OutcomeForm';
import { RequestForm } from './RequestForm';

/** The symbol repeats the word next to it; colour is never the only signal. */
const STATUS_SYMBOL: Record<BreakthroughStatus, string> = {
  ingediend: '○',
  terug_voor_aanvulling: '↺',
  toegekend: '✓',
  afgewezen: '✕',
  landelijk: '↑',
  ingetrokken: '⊘',
};

export const kindLabel = (k: string) => BREAKTHROUGH_KINDS.find((x) => x.key === k)?.label ?? k;
const mandate = (l: string | null) => (l ? MANDATE_LABELS[l as keyof typeof MANDATE_LABELS].toLowerCase() : '');

export function requestTitle(r: Breakthrough): string {
  const p = r.current.proposal.replace(/\s+/g, ' ');
  return p.length > 90 ? `${p.slice(0, 87)}…` : p;
}

function StatusBadge({ status }: { status: BreakthroughStatus }) {
  return (
    <span className={`dbv-status dbv-status-${status}`}>
      <span className="sr-only">Status: </span>
      <span aria-hidden="true">{STATUS_SYMBOL[status]}</span> {BREAKTHROUGH_STATUS_LABELS[status]}
    </span>
  );
}

function Waiting({ r }: { r: Breakthrough }) {
  const w = r.waiting;
  if (!w) return null;
  const since = w.on === 'resultaat' ? `sinds ${formatDay(w.since)}` : `sinds ${ago(w.since)}`;
  const text =
    w.on === 'besluit'
      ? `Wacht ${since} op het besluit van ${w.who?.name ?? 'de mandaathouder'} (${mandate(w.level)}).`
      : w.on === 'aanvulling'
        ? `Wacht ${since} op aanvulling door ${w.who?.name ?? 'de procesregisseur'}.`
        : `De termijn is voorbij (${formatDay(w.since)}): het resultaat moet nog worden vastgelegd.`;
  return <p className="dbv-wacht">{text}</p>;
}

function eventText(e: BreakthroughEvent): string {
  switch (e.kind) {
    case 'voorgelegd':
      return `${e.version > 1 ? `Versie ${e.version} ingediend` : 'Ingediend'} door ${e.by.name} en voorgelegd aan ${e.assignee?.name ?? '?'} (${mandate(e.level)}).`;
    case 'opgeschaald':
      return `Opgeschaald door ${e.by.name} naar ${e.assignee?.name ?? '?'} (${mandate(e.level)}).${e.note ? ` Toelichting: ${e.note}` : ''}`;
    case 'toegekend':
      return `Toegekend door ${e.by.name} onder het mandaat van ${mandate(e.mandate)}: ${formatEuro(e.budgetCents ?? 0)}, termijn tot en met ${formatDay(e.termEnd ?? '')}. Voorwaarden: ${e.conditions ?? ''}${e.note ? ` Toelichting: ${e.note}` : ''}`;
    case 'afgewezen':
      return `Afgewezen door ${e.by.name} onder het mandaat van ${mandate(e.mandate)}. Redenen: ${e.note ?? ''}`;
    case 'terug':
      return `Teruggestuurd voor aanvulling door ${e.by.name} (${mandate(e.mandate)}). Wat ontbreekt: ${e.note ?? ''}`;
    case 'geexporteerd':
      return `Voorgelegd aan het landelijk maatwerkloket door ${e.by.name}.${e.note ? ` Toelichting: ${e.note}` : ''}`;
    case 'ingetrokken':
      return `Ingetrokken door ${e.by.name}. Reden: ${e.note ?? ''}`;
  }
}

interface Props {
  request: Breakthrough;
  /** Set when this item's heading should take focus (after an action). */
  focusRequest: number;
  temporary: boolean;
  onChange: (b: Breakthrough, message: string) => void;
}

export function BreakthroughItem({ request: r, focusRequest, temporary, onChange }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [amending, setAmending] = useState(false);
  const headingId = `dbv-${r.id}-kop`;
  const v = r.current;
  useEffect(() => {
    if (focusRequest > 0) heading.current?.focus();
  }, [focusRequest]);
  const outcomeType = r.outcome ? (r.outcome.type === 'anders' ? `Anders: ${r.outcome.typeOther ?? ''}` : BREAKTHROUGH_TYPES.find((t) => t.key === r.outcome!.type)?.label) : null;

  return (
    <article className={`dbv-verzoek dbv-verzoek-${r.status}`} aria-labelledby={headingId} id={`dbv-${r.id}`}>
      <div className="dbv-labels">
        <StatusBadge status={r.status} />
        <span className="dbv-niveau">Mandaat: {MANDATE_LABELS[r.level]}</span>
        {r.versions.length > 1 && <span className="klein">Versie {v.version}</span>}
        {temporary && <span className="dbv-voor-u">Aan u voorgelegd</span>}
      </div>
      <h3 id={headingId} ref={heading} tabIndex={-1} className="dbv-titel">
        Doorbraak: {requestTitle(r)}
      </h3>
      <Waiting r={r} />
      <dl className="dbv-gegevens">
        <div>
          <dt>Soort</dt>
          <dd>{kindLabel(v.kind)}</dd>
        </div>
        <div>
          <dt>Vast sinds</dt>
          <dd>
            <time dateTime={v.stuckSince}>{formatDay(v.stuckSince)}</time>
          </dd>
        </div>
        <div>
          <dt>Gevraagd budget</dt>
          <dd>{formatEuro(v.amountCents)}</dd>
        </div>
        {v.effectiveAmountCents > v.amountCents && (
          <div>
            <dt>Bedrag voor het mandaat</dt>
            <dd>{formatEuro(v.effectiveAmountCents)} (de kosten van de doorbraak in het eerste jaar)</dd>
          </div>
        )}
        <div>
          <dt>Ingediend</dt>
          <dd>
            {v.submittedBy.name}, <time dateTime={v.submittedAt}>{formatDate(v.submittedAt)}</time>
          </dd>
        </div>
        <div className="breed">
          <dt>Wat zit er vast</dt>
          <dd className="dbv-tekst">{v.stuck}</dd>
        </div>
        <div className="breed">
          <dt>Voorgestelde doorbraak</dt>
          <dd className="dbv-tekst">{v.proposal}</dd>
        </div>
        <div className="breed">
          <dt>Wat blokkeert</dt>
          <dd>
            <span className="dbv-wetten">{v.laws.map((l) => lawByKey(l).name).join(', ')}</span>
            <span className="dbv-tekst dbv-regelstekst">{v.rules}</span>
          </dd>
        </div>
        {v.vraagstukken.length > 0 && (
          <div className="breed">
            <dt>Vraagstukken</dt>
            <dd>
              <ul>
                {v.vraagstukken.map((x) => (
                  <li key={x.id}>{x.title}</li>
                ))}
              </ul>
            </dd>
          </div>
        )}
        {v.deviations.length > 0 && (
          <div className="breed">
            <dt>Afwijkingen</dt>
            <dd>
              <ul>
                {v.deviations.map((d) => (
                  <li key={d.id}>
                    {lawByKey(d.law).name}: {d.rule} ({DEVIATION_STATUS_LABELS[d.status].toLowerCase()}
                    {d.internal ? ', intern' : ''})
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        )}
      </dl>
      <CostComparison costs={v.costs} totals={v.totals} caption="Kostenvergelijking: doormodderen tegenover doorbreken" />
      {r.grant && (
        <div className="rugdekking dbv-toekenning">
          <p className="rugdekking-kop">Toekenning</p>
          <p>
            <strong>
              Toegekend door {r.grant.by.name} ({MANDATE_LABELS[r.grant.mandate]})
            </strong>{' '}
            op <time dateTime={r.grant.at}>{formatDate(r.grant.at)}</time>: budget {formatEuro(r.grant.budgetCents)}, termijn tot en met{' '}
            <time dateTime={r.grant.termEnd}>{formatDay(r.grant.termEnd)}</time>.
          </p>
          <p className="dbv-tekst">Voorwaarden: {r.grant.conditions}</p>
          {!r.outcome && !r.can.recordOutcome && r.waiting?.on !== 'resultaat' && (
            <p className="klein dbv-na-termijn">
              Het resultaat wordt vastgelegd na de termijn, vanaf <time dateTime={r.grant.termEnd}>{formatDay(r.grant.termEnd)}</time>.
            </p>
          )}
        </div>
      )}
      {r.outcome && (
        <div className="rugdekking dbv-uitkomst">
          <p className="rugdekking-kop">Resultaat</p>
          <p>
            <strong>{r.outcome.achieved ? 'Bereikt' : 'Niet bereikt'}</strong>: {outcomeType}. {r.outcome.successStory && 'Aangeboden als succesverhaal. '}
            Vastgelegd door {r.outcome.by.name} op <time dateTime={r.outcome.at}>{formatDate(r.outcome.at)}</time>.
          </p>
          <p className="dbv-tekst">Wat het verschil maakte: {r.outcome.difference}</p>
        </div>
      )}
      <details className="dbv-spoor" open={r.events.length <= 4 ? true : undefined}>
        <summary>Verloop en besluiten ({r.events.length})</summary>
        <ol>
          {r.events.map((e) => (
            <li key={e.id}>
              <time dateTime={e.at}>{formatDate(e.at)}</time>: {eventText(e)}
            </li>
          ))}
        </ol>
      </details>
      {r.can.decide && <DecisionForm request={r} onDone={onChange} />}
      {r.can.amend &&
        (amending ? (
          <RequestForm
            caseId={r.caseId}
            amend={r}
            onCancel={() => setAmending(false)}
            onDone={(b) => {
              setAmending(false);
              onChange(b, `Het aangevulde verzoek (versie ${b.current.version}) is opnieuw voorgelegd.`);
            }}
          />
        ) : (
          <button type="button" className="knop" onClick={() => setAmending(true)}>
            Aanvullen en opnieuw indienen
          </button>
        ))}
      {r.can.escalate && <EscalateForm request={r} onDone={onChange} />}
      {r.can.export && <ExportForm request={r} onDone={onChange} />}
      {r.can.download && <Downloads request={r} />}
      {r.can.recordOutcome && <OutcomeForm request={r} onDone={onChange} />}
      {r.can.withdraw && <WithdrawForm request={r} onDone={onChange} />}
    </article>
  );
}
