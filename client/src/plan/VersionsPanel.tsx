// Adopted plan versions (vaststellen is a decision, stored on the server), opening an old
// version read-only, and a line-by-line comparison between versions or with the concept.
import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { get, post } from '../api';
import { ErrorMessage, SuccessMessage } from '../components/Feedback';
import { formatDateTime } from '../format';
import { ZRM_DOMAINS } from '../../../shared/zrm';
import { type DossierVariant, dossierVariantsFor, type PlanDiff, type PlanVersion, type PlanVersionSummary, type SessionResponse } from '../../../shared/schemas';
import { formatDay } from '../format';
import { useFeed } from '../live/useFeed';

type Ref = number | 'concept';
const refLabel = (r: Ref) => (r === 'concept' ? 'het huidige concept' : `versie ${r}`);

/**
 * Which dossier variants this person may download. Given by the caller when it knows; else
 * derived from the session's functie (the server decides again on every download).
 */
function useDossierVariants(given: DossierVariant[] | undefined): DossierVariant[] {
  const [variants, setVariants] = useState<DossierVariant[]>(given ?? []);
  useEffect(() => {
    if (given) {
      setVariants(given);
      return;
    }
    let live = true;
    get<SessionResponse>('/api/auth/me').then(
      (r) => live && setVariants(dossierVariantsFor(r.user.functie)),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [given]);
  return variants;
}

const DOSSIER_LINK_LABELS: Record<DossierVariant, string> = { volledig: 'volledig', extern: 'voor externe partner' };

export function VersionsPanel({ caseId, canAdopt, dossierVariants }: { caseId: string; canAdopt: boolean; dossierVariants?: DossierVariant[] }) {
  const base = `/api/cases/${encodeURIComponent(caseId)}/plan`;
  const variants = useDossierVariants(dossierVariants);
  const dossierUrl = (n: number, variant: DossierVariant) => `/api/cases/${encodeURIComponent(caseId)}/versions/${n}/dossier.pdf?variant=${variant}`;
  const [versions, setVersions] = useState<PlanVersionSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');
  const [open, setOpen] = useState<PlanVersion | null>(null);
  const [diff, setDiff] = useState<PlanDiff | null>(null);
  const [from, setFrom] = useState<string>('');
  const [to, setTo] = useState<string>('concept');

  const load = useCallback(() => {
    setError(null);
    get<PlanVersionSummary[]>(`${base}/versions`).then((v) => {
      setVersions(v);
      if (v[0]) setFrom((f) => f || String(v[0]!.number));
    }, setError);
  }, [base]);
  useEffect(load, [load]);
  // Adopted here, elsewhere, or by closing a conference: the list follows.
  useFeed(caseId, ['versions'], load);

  async function adopt(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setDone('');
    setBusy(true);
    try {
      const v = await post<PlanVersion>(`${base}/versions`, note.trim() ? { note: note.trim() } : {});
      setNote('');
      setVersions(await get<PlanVersionSummary[]>(`${base}/versions`));
      setFrom(String(v.number));
      setDone(`Versie ${v.number} is vastgesteld.`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function view(n: number) {
    setError(null);
    try {
      setOpen(await get<PlanVersion>(`${base}/versions/${n}`));
    } catch (err) {
      setError(err);
    }
  }

  async function compare(a: Ref, b: Ref) {
    setError(null);
    try {
      setDiff(await get<PlanDiff>(`${base}/diff?from=${a}&to=${b}`));
    } catch (err) {
      setError(err);
    }
  }

  const refOf = (v: string): Ref => (v === 'concept' ? 'concept' : Number(v));

  return (
    <div className="plandeel">
      <div className="plandeel-kop">
        <h3 id="versies-kop">Vastgestelde versies</h3>
      </div>
      <ErrorMessage error={error} />
      {done && <SuccessMessage>{done}</SuccessMessage>}
      {canAdopt && (
        <form onSubmit={adopt} className="vaststellen" noValidate>
          <div className="veld">
            <label htmlFor="vaststellen-toelichting">Toelichting bij vaststellen (optioneel)</label>
            <p className="hint" id="vaststellen-hint">
              Vaststellen legt het plan zoals het nu is vast als genummerde versie. Het concept blijft daarna gewoon bewerkbaar.
            </p>
            <textarea id="vaststellen-toelichting" aria-describedby="vaststellen-hint" rows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
          <button type="submit" className="knop" disabled={busy}>
            Plan vaststellen
          </button>
        </form>
      )}
      {versions === null ? (
        !error && <p className="laden">Versies laden…</p>
      ) : versions.length === 0 ? (
        <p className="leeg">Het plan is nog niet vastgesteld: alles hierboven is concept.</p>
      ) : (
        <>
          <table className="tabel versies">
            <caption className="sr-only">Vastgestelde versies, nieuwste eerst</caption>
            <thead>
              <tr>
                <th scope="col">Versie</th>
                <th scope="col">Vastgesteld op</th>
                <th scope="col">Door</th>
                <th scope="col">Toelichting</th>
                <th scope="col">Acties</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.number}>
                  <th scope="row">Versie {v.number}</th>
                  <td>
                    <time dateTime={v.adoptedAt}>{formatDateTime(v.adoptedAt)}</time>
                  </td>
                  <td>{v.adoptedBy.name}</td>
                  <td>{v.note ?? <span className="klein">–</span>}</td>
                  <td>
                    <div className="acties">
                      <button type="button" className="knop-klein" onClick={() => void view(v.number)}>
                        Bekijken<span className="sr-only"> (versie {v.number})</span>
                      </button>
                      <button type="button" className="knop-klein" onClick={() => void compare(v.number, 'concept')}>
                        Vergelijk met concept<span className="sr-only"> (versie {v.number})</span>
                      </button>
                    </div>
                    {variants.length > 0 && (
                      <p className="dossier-links">
                        Dossier (PDF):{' '}
                        {variants.map((variant, i) => (
                          <span key={variant}>
                            {i > 0 && ' · '}
                            <a href={dossierUrl(v.number, variant)} download>
                              {variants.length === 1 ? 'downloaden' : DOSSIER_LINK_LABELS[variant]}
                              <span className="sr-only"> (dossier van versie {v.number}{variants.length === 1 ? '' : `, ${DOSSIER_LINK_LABELS[variant]}`})</span>
                            </a>
                          </span>
                        ))}
                      </p>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <form
            className="vergelijken"
            onSubmit={(e) => {
              e.preventDefault();
              void compare(refOf(from), refOf(to));
            }}
          >
            <div className="veld inline">
              <label htmlFor="vergelijk-van">Vergelijk</label>
              <select id="vergelijk-van" value={from} onChange={(e) => setFrom(e.target.value)}>
                {versions.map((v) => (
                  <option key={v.number} value={v.number}>
                    Versie {v.number}
                  </option>
                ))}
                <option value="concept">Concept</option>
              </select>
            </div>
            <div className="veld inline">
              <label htmlFor="vergelijk-met">met</label>
              <select id="vergelijk-met" value={to} onChange={(e) => setTo(e.target.value)}>
                <option value="concept">Concept</option>
                {versions.map((v) => (
                  <option key={v.number} value={v.number}>
                    Versie {v.number}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="knop-klein">
              Vergelijken
            </button>
          </form>
        </>
      )}
      {open && <VersionView version={open} onClose={() => setOpen(null)} />}
      {diff && <DiffView diff={diff} onClose={() => setDiff(null)} />}
    </div>
  );
}

/** Moves focus to a panel's heading when it opens with new content, so keyboard users land on it. */
function useFocusOnOpen(content: unknown) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [content]);
  return ref;
}

function VersionView({ version, onClose }: { version: PlanVersion; onClose: () => void }) {
  const c = version.content;
  const latest = c.zrm.at(-1);
  const headingId = `versie-${version.number}-kop`;
  const heading = useFocusOnOpen(version);
  return (
    <section className="versie-weergave" aria-labelledby={headingId}>
      <div className="versie-kop">
        <h4 id={headingId} tabIndex={-1} ref={heading}>
          Versie {version.number} <span className="label-alleen-lezen">alleen lezen</span>
        </h4>
        <button type="button" className="knop-klein" onClick={onClose}>
          Sluiten<span className="sr-only"> (versie {version.number})</span>
        </button>
      </div>
      <p className="klein">
        Vastgesteld op {formatDateTime(version.adoptedAt)} door {version.adoptedBy.name}
        {version.note ? `. Toelichting: ${version.note}` : ''}
      </p>
      {c.sections.map((s) => (
        <div key={s.key} className="versie-deel">
          <h5>{s.label}</h5>
          {s.text ? <p className="versie-tekst">{s.text}</p> : <p className="leeg">(leeg)</p>}
        </div>
      ))}
      <div className="versie-deel">
        <h5>Samenstelling huishouden</h5>
        {c.household.length === 0 ? (
          <p className="leeg">(niemand vastgelegd)</p>
        ) : (
          <ul>
            {c.household.map((m) => (
              <li key={m.id}>
                {m.voornaam || '(naam onbekend)'}, {m.relatie || 'relatie onbekend'}
                {m.geboortejaar ? `, geboren ${m.geboortejaar}` : ''}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="versie-deel">
        <h5>Zelfredzaamheid (ZRM){latest ? `, meting van ${formatDay(latest.datum)}` : ''}</h5>
        {!latest ? (
          <p className="leeg">(nog geen meting)</p>
        ) : (
          <dl className="zrm-lijst">
            {ZRM_DOMAINS.map((d) => (
              <div key={d.key}>
                <dt>{d.label}</dt>
                <dd>{latest.scores[d.key] ?? '–'}</dd>
              </div>
            ))}
          </dl>
        )}
      </div>
    </section>
  );
}

type DiffLine = { kind: PlanDiff['parts'][number]['kind']; text: string };
/** Unchanged lines shown around each change; longer unchanged runs fold away. */
const CONTEXT = 2;

function foldUnchanged(lines: DiffLine[]): ({ line: DiffLine; index: number } | { fold: DiffLine[]; index: number })[] {
  const near = lines.map(() => false);
  lines.forEach((l, i) => {
    if (l.kind === 'same') return;
    for (let j = Math.max(0, i - CONTEXT); j <= Math.min(lines.length - 1, i + CONTEXT); j++) near[j] = true;
  });
  const out: ({ line: DiffLine; index: number } | { fold: DiffLine[]; index: number })[] = [];
  for (let i = 0; i < lines.length; ) {
    if (near[i]) {
      out.push({ line: lines[i]!, index: i });
      i++;
      continue;
    }
    let j = i;
    while (j < lines.length && !near[j]) j++;
    if (j - i > 2) out.push({ fold: lines.slice(i, j), index: i });
    else for (let k = i; k < j; k++) out.push({ line: lines[k]!, index: k });
    i = j;
  }
  return out;
}

function DiffView({ diff, onClose }: { diff: PlanDiff; onClose: () => void }) {
  const lines: DiffLine[] = diff.parts.flatMap((p) =>
    p.text
      .replace(/\n$/, '')
      .split('\n')
      .map((text) => ({ kind: p.kind, text })),
  );
  const added = lines.filter((l) => l.kind === 'added').length;
  const removed = lines.filter((l) => l.kind === 'removed').length;
  const heading = useFocusOnOpen(diff);
  const [unfolded, setUnfolded] = useState<Set<number>>(new Set());
  useEffect(() => setUnfolded(new Set()), [diff]);
  const rows = foldUnchanged(lines);
  return (
    <section className="verschil" aria-labelledby="verschil-kop">
      <div className="versie-kop">
        <h4 id="verschil-kop" tabIndex={-1} ref={heading}>
          Verschil tussen {refLabel(diff.from)} en {refLabel(diff.to)}
        </h4>
        <button type="button" className="knop-klein" onClick={onClose}>
          Sluiten<span className="sr-only"> (verschil)</span>
        </button>
      </div>
      <p className="klein">
        {added === 0 && removed === 0
          ? 'Geen verschillen: de inhoud is gelijk.'
          : `${added} ${added === 1 ? 'regel' : 'regels'} toegevoegd, ${removed} ${removed === 1 ? 'regel' : 'regels'} verwijderd. Toegevoegd staat met +, verwijderd met −.`}
      </p>
      <ul className="diff">
        {rows.flatMap((r) =>
          'line' in r || unfolded.has(r.index)
            ? ('line' in r ? [r.line] : r.fold).map((l, k) => <DiffRow key={r.index + k} line={l} />)
            : [
                <li key={r.index} className="diff-vouw">
                  <button type="button" className="knop-link" onClick={() => setUnfolded(new Set([...unfolded, r.index]))}>
                    {r.fold.length} ongewijzigde regels tonen
                  </button>
                </li>,
              ],
        )}
      </ul>
    </section>
  );
}

function DiffRow({ line }: { line: DiffLine }) {
  return (
    <li className={`diff-${line.kind}`}>
      <span className="diff-teken" aria-hidden="true">
        {line.kind === 'added' ? '+' : line.kind === 'removed' ? '−' : ' '}
      </span>
      {line.kind !== 'same' && <span className="sr-only">{line.kind === 'added' ? 'Toegevoegd: ' : 'Verwijderd: '}</span>}
      <span className="diff-tekst">{line.text || '\u00a0'}</span>
    </li>
  );
}
