// Dutch counts for sentences on both sides: the noun in the right number.

/** "1 doorbraak", "3 doorbraken". */
export const countOf = (n: number, one: string, many: string) => `${n.toLocaleString('nl-NL')} ${n === 1 ? one : many}`;

/** "a", "a en b", "a, b en c". */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} en ${items[items.length - 1]}`;
}
