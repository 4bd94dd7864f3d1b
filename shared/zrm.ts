// The Self-Sufficiency Matrix (Zelfredzaamheidsmatrix, ZRM): 13 life domains scored 1-5,
// plus child safety for households with children.

export const ZRM_DOMAINS = [
  { key: 'financien', label: 'Financiën' },
  { key: 'werk_opleiding', label: 'Werk & opleiding' },
  { key: 'tijdsbesteding', label: 'Tijdsbesteding' },
  { key: 'huisvesting', label: 'Huisvesting' },
  { key: 'huiselijke_relaties', label: 'Huiselijke relaties' },
  { key: 'geestelijke_gezondheid', label: 'Geestelijke gezondheid' },
  { key: 'lichamelijke_gezondheid', label: 'Lichamelijke gezondheid' },
  { key: 'middelengebruik', label: 'Middelengebruik' },
  { key: 'basale_adl', label: 'Basale ADL' },
  { key: 'instrumentele_adl', label: 'Instrumentele ADL' },
  { key: 'sociaal_netwerk', label: 'Sociaal netwerk' },
  { key: 'maatschappelijke_participatie', label: 'Maatschappelijke participatie' },
  { key: 'justitie', label: 'Justitie' },
  { key: 'kindveiligheid', label: 'Veiligheid van de kinderen' },
] as const;

export type ZrmDomain = (typeof ZRM_DOMAINS)[number]['key'];

export const ZRM_SCORES = [
  { score: 1, label: 'Acute problematiek' },
  { score: 2, label: 'Niet zelfredzaam' },
  { score: 3, label: 'Beperkt zelfredzaam' },
  { score: 4, label: 'Voldoende zelfredzaam' },
  { score: 5, label: 'Volledig zelfredzaam' },
] as const;

export function isZrmScore(v: unknown): v is 1 | 2 | 3 | 4 | 5 {
  return v === 1 || v === 2 || v === 3 || v === 4 || v === 5;
}
