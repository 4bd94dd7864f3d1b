// Amounts as people type them ("12.500", "12500,50", "€ 800") into integer cents, and back.
export { formatEuro } from '../../../shared/schemas/breakthroughs';

/** Cents for a typed amount in euros, or null when it is not an amount. */
export function parseEuro(input: string): number | null {
  let s = input.replace(/[€\s\u00a0]/g, '');
  if (!s) return null;
  if (s.includes(',')) s = s.replace(/\./g, '').replace(',', '.');
  // "12.500" is twelve thousand five hundred in Dutch, not twelve and a half.
  else if (/^\d{1,3}(\.\d{3})+$/.test(s)) s = s.replace(/\./g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return null;
  return Math.round(Number(s) * 100);
}

/** The way an amount in cents is shown in an input: "12500" or "12500,50". */
export function centsToInput(cents: number): string {
  return cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2).replace('.', ',');
}
