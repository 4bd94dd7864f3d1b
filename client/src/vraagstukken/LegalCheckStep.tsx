// Step 5, the legal check: which articles carry the solution, and on which deviations from the
// rules it relies. Cited articles are a live draft (the conclusion later stores the exact
// versions); relying on a deviation is a server record, because an internal deviation must
// never show up for partners or the household, not even as an id in the shared document.
import { del, get, post } from '../api';
import { ErrorMessage } from '../components/Feedback';
import { useAction } from '../forms/useAction';
import { useLoad } from '../useLoad';
import { useFeed } from '../live/useFeed';
import { lawByKey, type LawKey } from '../../../shared/laws';
import { toggleEntry, type VraagstukDraft } from '../../../shared/plan/vraagstukken';
import { type Catalogue, type Deviation, DEVIATION_STATUS_LABELS, LOCAL_ARTICLE_KIND_LABELS, type Vraagstuk } from '../../../shared/schemas';
import { deviationTitle } from '../deviations/DeviationItem';
import { type DeviationPrefill, ProposeDeviationForm } from '../deviations/ProposeDeviationForm';
import { StepText, type StepProps } from './StepText';

export function LegalCheckStep(props: StepProps & { draft: VraagstukDraft }) {
  return (
    <>
      <StepText {...props} text="toetsing" label="Welke artikelen dragen de oplossing; waar blokkeert een regel en welke route maakt afwijken mogelijk" />
      <Citations {...props} />
      <ReliedDeviations {...props} />
    </>
  );
}

function Citations({ vraagstuk: v, room, editable, draft, catalogue }: StepProps & { draft: VraagstukDraft }) {
  const laws = catalogue?.laws.filter((l) => draft.laws.includes(l.key) || l.key === 'awb') ?? [];
  const unknown = draft.citations.filter((key) => !catalogue?.laws.some((l) => l.articles.some((a) => a.citationKey === key) || l.local.some((a) => a.citationKey === key)));
  const box = (key: string, text: string) => (
    <li key={key}>
      <label>
        <input type="checkbox" checked={draft.citations.includes(key)} disabled={!editable} onChange={(e) => toggleEntry(room.doc, v.id, 'artikelen', key, e.target.checked)} /> {text}
      </label>
    </li>
  );
  return (
    <fieldset className="aangehaald">
      <legend>Aangehaalde artikelen</legend>
      <p className="hint">Het besluit bewaart de versie van elk aangehaald artikel zoals die op dat moment gold.</p>
      {laws.length === 0 && <p className="leeg">De catalogus wordt geladen of er is nog geen wet gekozen.</p>}
      {laws.map((l) => (
        <div key={l.key} className="aangehaald-wet">
          <p className="aangehaald-wetnaam">{l.name}</p>
          <ul className="vinkjes">
            {l.articles.map((a) => box(a.citationKey, `art. ${a.ref} ${a.title}`))}
            {l.local.map((a) => box(a.citationKey, `${a.source}, art. ${a.ref} ${a.title} (${LOCAL_ARTICLE_KIND_LABELS[a.kind].toLowerCase()})`))}
          </ul>
        </div>
      ))}
      {unknown.length > 0 && <p className="melding melding-waarschuwing">Aangehaald maar niet meer geldend in de catalogus: {unknown.join(', ')}. Haal deze weg voordat u besluit.</p>}
      {unknown.length > 0 && editable && (
        <button type="button" className="knop-klein" onClick={() => unknown.forEach((k) => toggleEntry(room.doc, v.id, 'artikelen', k, false))}>
          Niet meer geldende artikelen weghalen
        </button>
      )}
    </fieldset>
  );
}

/**
 * What a proposal made from this step already knows: the law whose verdict says the solution does
 * not (fully) fit, else the first law in scope, the first article cited for it, the solution and
 * the verdict's motivation.
 */
function prefillFrom(draft: VraagstukDraft, catalogue: Catalogue | undefined): DeviationPrefill {
  const verdictOf = (l: LawKey) => draft.verdicts[l]?.verdict;
  const law = draft.laws.find((l) => verdictOf(l) === 'past_niet') ?? draft.laws.find((l) => verdictOf(l) === 'past_deels') ?? draft.laws[0];
  if (!law) return {};
  const entry = catalogue?.laws.find((l) => l.key === law);
  const article = entry?.articles.find((a) => draft.citations.includes(a.citationKey));
  const local = entry?.local.find((a) => draft.citations.includes(a.citationKey));
  const rule = article ? `${entry!.name} art. ${article.ref} (${article.title})` : local ? `${local.source}, art. ${local.ref} (${local.title})` : '';
  // What will be done is the solution the table worked out in step 2, and why is first of all the
  // verdict on this law (why the solution serves its purpose), until someone words them otherwise.
  const willDo = draft.texts.oplossing.trim();
  const reasoning = draft.verdicts[law]?.reasoning.trim() ?? '';
  return { law, rule, ...(willDo ? { willDo } : {}), ...(reasoning ? { reasoning } : {}) };
}

function ReliedDeviations({ vraagstuk: v, onChange, detail, draft, catalogue }: StepProps & { draft: VraagstukDraft }) {
  const base = `/api/cases/${encodeURIComponent(v.caseId)}`;
  const { data: deviations, error: loadError, reload } = useLoad(() => get<Deviation[]>(`${base}/deviations`), `${v.caseId}:${v.deviations.map((d) => d.id).join(',')}`);
  // A deviation proposed or decided elsewhere shows here at once, with its new status.
  useFeed(v.caseId, ['deviations'], reload);
  const { error, run } = useAction();
  const linked = new Set(v.deviations.map((d) => d.id));

  function toggle(d: Deviation, on: boolean) {
    const url = `${base}/vraagstukken/${encodeURIComponent(v.id)}/deviations`;
    void run(async () => {
      const updated = on ? await post<Vraagstuk>(url, { deviationId: d.id }) : await del<Vraagstuk>(`${url}/${encodeURIComponent(d.id)}`);
      onChange(updated, on ? `Het vraagstuk steunt nu op de afwijking „${d.rule}”.` : `De koppeling met „${d.rule}” is weggehaald.`);
    });
  }

  /** Proposed from here: it is linked to this vraagstuk at once, so it shows in this step straight away. */
  function proposed(d: Deviation) {
    toggle(d, true);
  }

  const usable = (deviations ?? []).filter((d) => linked.has(d.id) || d.status === 'voorgesteld' || d.status === 'goedgekeurd');
  return (
    <fieldset className="steunt-op">
      <legend>Afwijkingen waarop de oplossing steunt</legend>
      <p className="hint">
        „We doen het” kan pas worden besloten als elke afwijking hieronder is goedgekeurd. Een afwijking die u hier voorstelt, komt in het afwijkingenregister van de casus
        en steunt meteen dit vraagstuk.
      </p>
      <ErrorMessage error={loadError ?? error} />
      {usable.length === 0 ? (
        <p className="leeg">Er zijn geen voorgestelde of goedgekeurde afwijkingen in deze casus.</p>
      ) : (
        <ul className="vinkjes">
          {usable.map((d) => (
            <li key={d.id}>
              <label>
                <input type="checkbox" checked={linked.has(d.id)} disabled={!v.can.linkDeviations} onChange={(e) => toggle(d, e.target.checked)} /> {deviationTitle(d)} ({lawByKey(d.law).name},{' '}
                {DEVIATION_STATUS_LABELS[d.status].toLowerCase()}
                {d.internal ? ', intern' : ''})
              </label>
            </li>
          ))}
        </ul>
      )}
      {v.can.linkDeviations && detail.me.can['deviation.propose'] && (
        <ProposeDeviationForm caseId={v.caseId} onProposed={proposed} prefill={prefillFrom(draft, catalogue)} idPrefix={`vs-${v.id}-afw`} />
      )}
    </fieldset>
  );
}
