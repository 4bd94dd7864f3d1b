// Step 3: does the solution serve the purpose (bedoeling) of each law in scope? The professional
// who answers for a law gives the verdict and signs it. The signature is a server record with a
// copy of what was signed; when the live draft no longer matches it, everyone sees
// "gewijzigd na ondertekening" at once, because the comparison runs on the live document.
import { post } from '../api';
import { ErrorMessage } from '../components/Feedback';
import { useAction } from '../forms/useAction';
import { formatDateTime } from '../format';
import { LAWS, lawByKey, type LawKey } from '../../../shared/laws';
import { changesSinceSigning, reasoningFragment, setVerdictDraft, toggleEntry, type VraagstukDraft } from '../../../shared/plan/vraagstukken';
import { CASE_ROLE_LABELS, labelInSentence } from '../../../shared/roles';
import type { LawInScope, VerdictSignature, Vraagstuk } from '../../../shared/schemas';
import { VERDICTS, type Verdict } from '../../../shared/vraagstukken';
import { CollabEditor } from '../collab/CollabEditor';
import { verdictLabel } from './labels';
import type { StepProps } from './StepText';

const CHANGE_LABELS = { oordeel: 'het oordeel', motivering: 'de motivering', oplossing: 'de oplossing (stap 2)' } as const;

export function VerdictsStep(props: StepProps & { draft: VraagstukDraft }) {
  const { vraagstuk: v, room, editable, draft, catalogue } = props;
  // Only laws someone can answer for can be signed, so only those can be put in scope.
  const responsibleRole = (law: LawKey) => catalogue?.laws.find((l) => l.key === law)?.responsibleRole ?? lawByKey(law).responsibleRole;
  const choosable = LAWS.filter((l) => responsibleRole(l.key) !== null || draft.laws.includes(l.key));
  // A signed law stays in the decision (the server holds it there), so it can't be unticked.
  const signed = (law: LawKey) => v.laws.some((x) => x.law === law && x.signature !== null);
  const inScope = LAWS.map((l) => l.key).filter((law) => draft.laws.includes(law) || signed(law));

  return (
    <>
      <fieldset className="wetten-in-toets">
        <legend>Wetten in deze toets</legend>
        <p className="hint">Vooraf gekozen: de wetten waarvoor de leden aan tafel verantwoordelijk zijn.</p>
        <ul className="vinkjes">
          {choosable.map((l) => (
            <li key={l.key}>
              <label>
                <input
                  type="checkbox"
                  checked={inScope.includes(l.key)}
                  disabled={!editable || signed(l.key)}
                  aria-describedby={signed(l.key) ? `wet-ondertekend-${v.id}-${l.key}` : undefined}
                  onChange={(e) => toggleEntry(room.doc, v.id, 'wetten', l.key, e.target.checked)}
                />{' '}
                {l.name}
              </label>
              {signed(l.key) && (
                <span className="hint" id={`wet-ondertekend-${v.id}-${l.key}`}>
                  {' '}
                  (ondertekend: blijft in de toets)
                </span>
              )}
            </li>
          ))}
        </ul>
      </fieldset>
      {inScope.length === 0 && <p className="leeg">Kies minstens één wet.</p>}
      <ul className="oordelen">
        {inScope.map((law) => (
          <li key={law}>
            <LawVerdict {...props} law={law} info={v.laws.find((x) => x.law === law)} />
          </li>
        ))}
      </ul>
    </>
  );
}

function LawVerdict({ vraagstuk: v, room, me, editable, draft, law, info, onChange }: StepProps & { draft: VraagstukDraft; law: LawKey; info: LawInScope | undefined }) {
  const { busy, error, run } = useAction();
  const name = lawByKey(law).name;
  const d = draft.verdicts[law];
  const signature = info?.signature ?? null;
  const changes = signature ? changesSinceSigning(signature, draft, law) : [];
  const fragment = reasoningFragment(room.doc, v.id, law);
  const idp = `vs-${v.id}-${law}`;

  function sign() {
    void run(async () => {
      const updated = await post<Vraagstuk>(`/api/cases/${encodeURIComponent(v.caseId)}/vraagstukken/${encodeURIComponent(v.id)}/signatures`, {
        law,
        verdict: d.verdict,
        reasoning: d.reasoning,
        solution: draft.texts.oplossing,
      });
      onChange(updated, `Het oordeel over de ${name} is ondertekend.`);
    });
  }

  return (
    <article className={`oordeel${signature ? (changes.length ? ' oordeel-gewijzigd' : ' oordeel-getekend') : ''}`} aria-labelledby={`${idp}-kop`}>
      <h6 id={`${idp}-kop`} className="oordeel-kop">
        {name}
      </h6>
      <fieldset className="oordeel-keuze">
        <legend>Oordeel over de {name}</legend>
        {VERDICTS.map((x) => (
          <label key={x.key}>
            <input type="radio" name={`${idp}-oordeel`} value={x.key} checked={d.verdict === x.key} disabled={!editable} onChange={() => setVerdictDraft(room.doc, v.id, law, x.key as Verdict)} /> {x.label}
          </label>
        ))}
      </fieldset>
      {fragment && <CollabEditor doc={room.doc} provider={room.provider} fragment={fragment} id={`${idp}-motivering`} label={`Motivering ${name}`} hint="Waarom past de oplossing (niet) bij de bedoeling van deze wet?" editable={editable} me={me} heading="h6" />}
      <SignatureState signature={signature} changes={changes} info={info} />
      <ErrorMessage error={error} />
      {info?.canSign && (!signature || changes.length > 0) && (
        <button type="button" className="knop" disabled={busy || !d.verdict} onClick={sign}>
          {signature ? 'Opnieuw ondertekenen' : 'Ondertekenen'}
          <span className="sr-only"> ({name})</span>
        </button>
      )}
    </article>
  );
}

function SignatureState({ signature, changes, info }: { signature: VerdictSignature | null; changes: (keyof typeof CHANGE_LABELS)[]; info: LawInScope | undefined }) {
  if (!signature) {
    const who = info?.responsible.map((p) => p.name).join(', ');
    const role = info?.responsibleRole ? labelInSentence(CASE_ROLE_LABELS[info.responsibleRole]) : null;
    return (
      <p className="ondertekening ondertekening-open">
        Nog niet ondertekend.{' '}
        {role ? (who ? `Ondertekent: ${who} (${role}).` : `Er is geen ${role} lid van deze casus.`) : 'Voor deze wet is geen verantwoordelijke rol ingesteld.'}
      </p>
    );
  }
  const by = `${signature.by.name} (${labelInSentence(CASE_ROLE_LABELS[signature.caseRole])}) op ${formatDateTime(signature.at)}`;
  if (changes.length > 0) {
    return (
      <div className="ondertekening ondertekening-gewijzigd">
        <p>
          <strong>Gewijzigd na ondertekening</strong>: {changes.map((c) => CHANGE_LABELS[c]).join(', ')}. Ondertekend was „{verdictLabel(signature.verdict)}” door {by}; het oordeel moet opnieuw
          worden ondertekend.
        </p>
        <details>
          <summary>Wat was ondertekend</summary>
          <p className="ondertekend-tekst">{signature.reasoning}</p>
        </details>
      </div>
    );
  }
  return (
    <p className="ondertekening ondertekening-actueel">
      <span aria-hidden="true">✓ </span>Ondertekend: „{verdictLabel(signature.verdict)}”, door {by}.
    </p>
  );
}
