import { scrubText } from './server/pseudonymise';
const rel = { kind: 'relative' as const, anchor: '2026-01-05', referenceYear: 2026, oldest: '2024-01-05' };
console.log(scrubText('Gesprekken op 2026-03-14, 14-03-2026, 14 maart 2026, 14/03/2026, 1 jan. 2026, 21 april, mei 2026, 14-03, 03-04, zaterdag 14/3, 25/12.', { dates: rel }));
console.log(scrubText('zaterdag 14/3 en 14 maart', { dates: rel }));
console.log(scrubText('op 25/12, maandag 2-3, d.d. 1/2', { dates: rel }));
