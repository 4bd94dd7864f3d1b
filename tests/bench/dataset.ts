// A municipality-sized database for the werkbak benchmark: 5,000 cases over 40 people,
// 4-8 current members per case, written in one transaction with the product's own query
// helpers (so the rows look exactly like the ones the product writes). Deterministic.
import { eq } from 'drizzle-orm';
import { transaction, type Db } from '../../db/client';
import { changeStatus, insertCase, putMember, removeMember, setRegisseur, touchCase } from '../../db/queries/cases';
import { insertUser } from '../../db/queries/users';
import { users } from '../../db/schema';
import { demoEmail } from '../../server/demo/seed';
import { ALLOWED_CASE_ROLES, MAX_ACCESS, REGISSEUR_FUNCTIES } from '../../shared/permissions';
import type { AccessLevel, CaseRole, Functie } from '../../shared/roles';
import { prng } from './prng';

export interface DatasetOptions {
  cases: number;
  /** People who are members of cases, including the procesregisseur and the heavy user. */
  people: number;
  procesregisseurCases: number;
  heavyUserCases: number;
  minMembers: number;
  maxMembers: number;
}

export interface Dataset {
  procesregisseurId: string;
  heavyUserId: string;
  heavyUserEmail: string;
  /** Bench cases the procesregisseur is a current member of (for the case-detail requests). */
  procesregisseurCaseIds: string[];
  activeMemberships: number;
  removedMemberships: number;
  closedCases: number;
  /** Current memberships per person: min / median / max over all 40. */
  perPerson: { min: number; median: number; max: number };
  buildMs: number;
}

export const HEAVY_USER_EMAIL = 'zwaar-belast@bench.casustafel.test';

const SURNAMES = [
  'de Jong', 'Jansen', 'de Vries', 'van den Berg', 'van Dijk', 'Bakker', 'Janssen', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder',
  'de Groot', 'Bos', 'Vos', 'Peters', 'Hendriks', 'van Leeuwen', 'Dekker', 'Brouwer', 'de Wit', 'Dijkstra', 'Smits', 'de Graaf',
  'van der Meer', 'van der Linden', 'Kok', 'Jacobs', 'de Haan', 'Vermeulen', 'Yilmaz', 'El Amrani', 'Kaya', 'Bouzid', 'Ramdin', 'Nguyen',
];

/** Functies of the extra colleagues, in the proportions of a typical wijkteam. */
const EXTRA_FUNCTIES: Functie[] = [
  'casusregisseur', 'klantmanager_pw', 'consulent_wmo', 'consulent_jeugd', 'schuldhulpverlener', 'casusregisseur', 'consulent_inburgering',
  'gedragsdeskundige', 'extern_partner', 'klantmanager_pw', 'consulent_jeugd', 'consulent_wmo', 'extern_partner', 'teamleider',
];

function roleFor(functie: Functie): { caseRole: CaseRole; access: AccessLevel } {
  const caseRole = ALLOWED_CASE_ROLES[functie][0];
  const max = MAX_ACCESS[functie];
  if (!caseRole || !max) throw new Error(`functie ${functie} kan geen lid van een casus zijn`);
  if (caseRole === 'mandaathouder') return { caseRole, access: 'read' };
  if (functie === 'extern_partner' || functie === 'gedragsdeskundige') return { caseRole, access: 'comment' };
  return { caseRole, access: max };
}

function pickDistinct<T>(rand: () => number, pool: readonly T[], n: number, exclude: ReadonlySet<T>): T[] {
  const out: T[] = [];
  const taken = new Set(exclude);
  while (out.length < n) {
    const v = pool[Math.floor(rand() * pool.length)]!;
    if (taken.has(v)) continue;
    taken.add(v);
    out.push(v);
  }
  return out;
}

function sampleIndices(rand: () => number, total: number, n: number): Set<number> {
  const idx = Array.from({ length: total }, (_, i) => i);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(rand() * (total - i));
    [idx[i], idx[j]] = [idx[j]!, idx[i]!];
  }
  return new Set(idx.slice(0, n));
}

interface Person {
  id: string;
  functie: Functie;
}

export async function buildDataset(db: Db, o: DatasetOptions): Promise<Dataset> {
  const started = performance.now();
  const rand = prng(20_260_101);
  const DAY = 86_400_000;
  const now = Date.now();
  const iso = (daysAgo: number) => new Date(now - daysAgo * DAY).toISOString();

  const [procesregisseur] = await db.select().from(users).where(eq(users.email, demoEmail('procesregisseur')));
  if (!procesregisseur) throw new Error('demo-account procesregisseur ontbreekt (startte de server met DEMO_DATA aan?)');

  const result = await transaction(
    db,
    async (tx): Promise<Omit<Dataset, 'buildMs'>> => {
      // Colleagues from the demo data who can sit at a case table (not the resident, the
      // administrator or the switched-off account), topped up with generated colleagues.
      const demoColleagues: Person[] = (await tx.select({ id: users.id, functie: users.functie, email: users.email, active: users.active }).from(users))
        .filter((u) => u.active && u.id !== procesregisseur.id && u.functie !== 'inwoner' && ALLOWED_CASE_ROLES[u.functie].length > 0)
        .map((u) => ({ id: u.id, functie: u.functie }));
      // The heavy user and the generated colleagues share the published demo password hash.
      const heavy = await insertUser(tx, {
        email: HEAVY_USER_EMAIL,
        name: 'Zwaar Belast (bench)',
        functie: 'casusregisseur',
        organisation: 'Gemeente Zuiderhaven (bench)',
        passwordHash: procesregisseur.passwordHash,
        mustChangePassword: false,
      });
      const others: Person[] = [...demoColleagues];
      for (let i = 0; others.length < o.people - 2; i++) {
        const functie = EXTRA_FUNCTIES[i % EXTRA_FUNCTIES.length]!;
        const row = await insertUser(tx, {
          email: `collega-${String(i + 1).padStart(2, '0')}@bench.casustafel.test`,
          name: `${SURNAMES[(i * 7) % SURNAMES.length]!}, collega ${i + 1} (bench)`,
          functie,
          organisation: 'Gemeente Zuiderhaven (bench)',
          passwordHash: procesregisseur.passwordHash,
          mustChangePassword: false,
        });
        others.push({ id: row.id, functie });
      }
      const pr: Person = { id: procesregisseur.id, functie: procesregisseur.functie };
      const hv: Person = { id: heavy.id, functie: heavy.functie };
      const prCases = sampleIndices(rand, o.cases, o.procesregisseurCases);
      const heavyCases = sampleIndices(rand, o.cases, o.heavyUserCases);
      const perPerson = new Map<string, number>([...others, pr, hv].map((p) => [p.id, 0]));
      const procesregisseurCaseIds: string[] = [];
      let activeMemberships = 0;
      let removedMemberships = 0;
      let closedCases = 0;

      for (let i = 0; i < o.cases; i++) {
        const size = o.minMembers + Math.floor(rand() * (o.maxMembers - o.minMembers + 1));
        const fixed: Person[] = [];
        if (heavyCases.has(i)) fixed.push(hv);
        if (prCases.has(i)) fixed.push(pr);
        const members = [...fixed, ...pickDistinct(rand, others, size - fixed.length, new Set())];

        // One regisseur, most of the time: the heavy user where present, else a colleague who may be one.
        const regisseur = rand() < 0.95 ? members.find((m) => m !== pr && REGISSEUR_FUNCTIES.includes(m.functie)) : undefined;
        const creator = regisseur ?? pr;
        const createdDaysAgo = 14 + Math.floor(rand() * 900);
        const lastActivityDaysAgo = Math.floor(rand() * Math.min(createdDaysAgo, 120));
        const family = SURNAMES[Math.floor(rand() * SURNAMES.length)]!;
        const row = await insertCase(tx, {
          title: rand() < 0.7 ? `Gezin ${family}` : `${rand() < 0.5 ? 'Dhr.' : 'Mevr.'} ${String.fromCharCode(65 + Math.floor(rand() * 26))}. ${family}`,
          summary:
            `Huishouden met meerdere hulpvragen (bench-casus ${i + 1}): schulden, zorg voor de kinderen en werk. ` +
            'Afspraak is één plan met één regisseur; de betrokken organisaties stemmen hun inzet af aan de casustafel.',
          createdBy: creator.id,
          at: iso(createdDaysAgo),
        });
        for (const m of members) {
          const role = m === regisseur ? { caseRole: 'casusregisseur' as const, access: 'edit' as const } : roleFor(m.functie);
          await putMember(tx, { caseId: row.id, userId: m.id, ...role, addedBy: creator.id, at: iso(createdDaysAgo) });
          perPerson.set(m.id, (perPerson.get(m.id) ?? 0) + 1);
          activeMemberships++;
        }
        // Now and then someone left the table; their row stays, with removed_at set.
        if (rand() < 0.1) {
          const [gone] = pickDistinct(rand, others, 1, new Set(members));
          if (gone) {
            await putMember(tx, { caseId: row.id, userId: gone.id, ...roleFor(gone.functie), addedBy: creator.id, at: iso(createdDaysAgo) });
            await removeMember(tx, row.id, gone.id, iso(Math.max(lastActivityDaysAgo, createdDaysAgo - 7)));
            removedMemberships++;
          }
        }
        if (regisseur) await setRegisseur(tx, row.id, regisseur.id);
        if (rand() < 0.25) {
          await changeStatus(tx, {
            caseId: row.id,
            status: 'gesloten',
            byUserId: creator.id,
            note: 'Casus gesloten met borgingsafspraken',
            borgingsafspraken: 'Wijkteam blijft aanspreekpunt; bij nieuwe signalen belt de consulent de regisseur binnen twee werkdagen.',
            at: iso(lastActivityDaysAgo),
          });
          closedCases++;
        }
        await touchCase(tx, row.id, iso(lastActivityDaysAgo));
        if (prCases.has(i)) procesregisseurCaseIds.push(row.id);
      }

      if (perPerson.size !== o.people) throw new Error(`verwacht ${o.people} personen, kreeg ${perPerson.size}`);
      const counts = [...perPerson.values()].sort((a, b) => a - b);
      return {
        procesregisseurId: pr.id,
        heavyUserId: hv.id,
        heavyUserEmail: HEAVY_USER_EMAIL,
        procesregisseurCaseIds,
        activeMemberships,
        removedMemberships,
        closedCases,
        perPerson: { min: counts[0] ?? 0, median: counts[Math.floor(counts.length / 2)] ?? 0, max: counts[counts.length - 1] ?? 0 },
      };
    },
  );
  return { ...result, buildMs: performance.now() - started };
}
