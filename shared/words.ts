// Dutch counts for sentences on both sides: the noun in the right number.

/** "1 doorbraak", "3 doorbraken". */
export const countOf = (n: number, one: string, many: string) => `${n.toLocaleString('nl-NL')} ${n === 1 ? one : many}`;
