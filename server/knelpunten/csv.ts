// The knelpunten and pilot figures as one CSV file for policy staff: semicolon-separated with
// decimal commas and a byte-order mark, which is what Dutch spreadsheet software expects.
// It holds exactly what the JSON views hold: counts and rule references, nothing personal.
import { BREAKTHROUGH_TYPES, CASE_CLUSTERS } from '../../shared/breakthroughs';
import { lawByKey } from '../../shared/laws';
import type { Knelpunten, PilotFigures } from '../../shared/schemas';
import { countOf } from '../../shared/words';

/**
 * Quotes every cell, and defuses cells a spreadsheet would run as a formula (a rule
 * reference typed as "=HYPERLINK(...)" must stay text).
 */
export function csvCell(value: string | number | null): string {
  let s = value === null ? '' : typeof value === 'number' ? String(value).replace('.', ',') : value;
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

const law = (key: Parameters<typeof lawByKey>[0]) => lawByKey(key).name;
const typeLabel = (key: string) => BREAKTHROUGH_TYPES.find((t) => t.key === key)?.label ?? key;
const clusterLabel = (key: string | null) => (key ? (CASE_CLUSTERS.find((c) => c.key === key)?.label ?? key) : 'Zonder cluster');

export function knelpuntenCsv(k: Knelpunten, f: PilotFigures): string {
  const rows: (string | number | null)[][] = [['Onderdeel', 'Wet of soort', 'Omschrijving', 'Aantal', 'Toelichting']];
  rows.push(['Periode', null, `${k.from} t/m ${k.to}`, null, null]);
  for (const r of k.rules) rows.push(['Regel waarvan is afgeweken', law(r.law), r.rule, r.deviations, `in ${countOf(r.cases, 'casus', 'casussen')}`]);
  for (const r of k.otherRules) rows.push(['Overige afwijkingen', law(r.law), `regels uit minder dan ${k.minCases} casussen (niet benoemd)`, r.deviations, null]);
  for (const p of k.lawPairs) rows.push(['Wetten in spanning', `${law(p.laws[0])} – ${law(p.laws[1])}`, 'oordelen per vraagstuk botsen (past / past niet)', p.vraagstukken, 'vraagstukken']);
  for (const t of k.breakthroughTypes) rows.push(['Soort doorbraak', typeLabel(t.type), null, t.outcomes, `${t.achieved} bereikt`]);
  rows.push(['Doorlooptijd', 'Verzoek tot besluit', 'mediaan in dagen', k.requestToDecision.medianDays, `n = ${k.requestToDecision.n}`]);
  rows.push(['Pilotcijfers', 'Casussen', 'gestart in de periode', f.cases.opened, null]);
  rows.push(['Pilotcijfers', 'Casussen', 'actief in de periode', f.cases.active, null]);
  rows.push(['Pilotcijfers', 'Casussen', 'gesloten in de periode', f.cases.closed, null]);
  rows.push(['Pilotcijfers', 'Doorbraken', 'aangevraagd', f.breakthroughs.requested, null]);
  rows.push(['Pilotcijfers', 'Doorbraken', 'toegekend', f.breakthroughs.granted, null]);
  rows.push(['Pilotcijfers', 'Doorbraken', 'afgewezen', f.breakthroughs.refused, null]);
  rows.push(['Pilotcijfers', 'Doorbraken', 'bereikt', f.breakthroughs.achieved, null]);
  for (const c of f.clusters) rows.push(['Pilotcijfers per cluster', clusterLabel(c.cluster), 'casussen actief in de periode', c.active, `${c.opened} gestart, ${countOf(c.granted, 'doorbraak', 'doorbraken')} toegekend`]);
  rows.push(['Doorlooptijd', 'Casus van start tot sluiten', 'mediaan in dagen', f.durations.caseOpenToClosed.medianDays, `n = ${f.durations.caseOpenToClosed.n}`]);
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(';')).join('\r\n')}\r\n`;
}
