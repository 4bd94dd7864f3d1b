// What the stuck-case signals and the knelpunten read, added to the 5,000 bench cases of
// dataset.ts in sizes a municipality would see: per case 3-8 goals, 20-150 stored plan updates
// (compacted: the row stays, the bytes are gone), 0-3 vraagstukken with 2-4 signed verdicts
// each, 0-3 deviations with their decisions, and here and there a vastgelopen flag, a lead,
// a breakthrough request with its versions, events and outcome (its cost comparison in the
// shape the product stores: carryOn and breakthrough lines). Also a heavy procesregisseur who sits
// at ~2,000 of the tables, to time the overview for the busiest user. Written in one transaction
// through the product's query layer (drizzle's insert builders on the bound engine's tables, in
// `transaction`), so SQLite and PostgreSQL get the same rows the same way; not through the
// product's commands, which would audit and relay every row (that is not what is measured).
// Multi-row inserts of BATCH rows: ~500,000 rows one statement at a time would take minutes
// on PostgreSQL, where each statement is a round trip. Deterministic.
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { transaction, type Db, type Tx } from '../../db/client';
import {
  breakthroughEvents,
  breakthroughOutcomes,
  breakthroughRequests,
  breakthroughVersions,
  caseLeadEvents,
  caseMembers,
  cases as casesTable,
  caseStuckFlags,
  collabUpdates,
  deviationEvents,
  deviations,
  goals,
  users,
  verdictSignatures,
  vraagstukDecisions,
  vraagstukken,
} from '../../db/schema';
import { BREAKTHROUGH_TYPES, CASE_CLUSTERS } from '../../shared/breakthroughs';
import { LAW_KEYS } from '../../shared/laws';
import { ZRM_DOMAINS } from '../../shared/zrm';
import { prng } from './prng';

export const HEAVY_PROCESREGISSEUR_EMAIL = 'procesregisseur-zwaar@bench.casustafel.test';

export interface StuckDataset {
  /** The procesregisseur in many cases (same password as the demo accounts). */
  heavyProcesregisseur: { id: string; email: string; cases: number };
  goals: number;
  planUpdates: number;
  vraagstukken: number;
  signatures: number;
  deviations: number;
  flags: number;
  leads: number;
  requests: number;
  outcomes: number;
  buildMs: number;
}

/** Rules people deviate from again and again (the knelpunten), plus one-off references. */
const COMMON_RULES: [law: string, rule: string][] = [
  ['participatiewet', 'Participatiewet art. 3 (gezamenlijke huishouding)'],
  ['participatiewet', 'Participatiewet art. 22a (kostendelersnorm)'],
  ['participatiewet', 'Participatiewet art. 58 (terugvordering)'],
  ['participatiewet', 'Participatiewet art. 18a (bestuurlijke boete)'],
  ['participatiewet', 'Participatiewet art. 15 (voorliggende voorziening)'],
  ['wmo', 'Beleidsregel Wmo: huishoudelijke hulp maximaal 2 uur per week'],
  ['wmo', 'Verordening maatschappelijke ondersteuning art. 9 (eigen bijdrage)'],
  ['wmo', 'Wmo art. 2.3.5 lid 3 (eigen kracht gaat voor)'],
  ['jeugdwet', 'Verordening jeugdhulp art. 6 (maximale duur ambulante hulp)'],
  ['jeugdwet', 'Beleidsregel jeugd: geen jeugdhulp bij 18+'],
  ['wgs', 'Wgs art. 3 lid 2 (weigeringsgrond recidive)'],
  ['wgs', 'Beleidsregel schuldhulp: geen nieuwe regeling binnen 5 jaar'],
  ['inburgering', 'Verordening inburgering art. 4 (ontzorgen alleen eerste 6 maanden)'],
  ['awb', 'Awb 4:84 (beleidsregel: vaste termijn)'],
];

const VERDICTS = ['past', 'past', 'past', 'past_deels', 'past_niet', 'past_niet', 'nvt'];
const DAY = 86_400_000;

/** Interventions of carrying on as now, and costs of a breakthrough, as a procesregisseur lists them. */
const CARRY_ON = ['Ambulante jeugdhulp', 'Schuldhulpverlening en bewindvoering', 'Huishoudelijke hulp (Wmo)', 'Begeleiding GGZ', 'Bijzondere bijstand', 'Crisisopvang'];
const BREAKTHROUGH = ['Nanny, twee dagdelen per week', 'Saneringskrediet', 'Tijdelijke woning', 'Coach aan huis', 'Opstart en matching'];


/** Rows per multi-row INSERT: well under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters at 15 columns. */
const BATCH = 500;

/** Pending rows per table, written parents first so PostgreSQL's immediate foreign-key checks pass. */
class Batches {
  readonly users: (typeof users.$inferInsert)[] = [];
  readonly members: (typeof caseMembers.$inferInsert)[] = [];
  readonly goals: (typeof goals.$inferInsert)[] = [];
  readonly updates: (typeof collabUpdates.$inferInsert)[] = [];
  readonly vraagstukken: (typeof vraagstukken.$inferInsert)[] = [];
  readonly signatures: (typeof verdictSignatures.$inferInsert)[] = [];
  readonly decisions: (typeof vraagstukDecisions.$inferInsert)[] = [];
  readonly deviations: (typeof deviations.$inferInsert)[] = [];
  readonly deviationEvents: (typeof deviationEvents.$inferInsert)[] = [];
  readonly flags: (typeof caseStuckFlags.$inferInsert)[] = [];
  readonly leads: (typeof caseLeadEvents.$inferInsert)[] = [];
  readonly requests: (typeof breakthroughRequests.$inferInsert)[] = [];
  readonly versions: (typeof breakthroughVersions.$inferInsert)[] = [];
  readonly events: (typeof breakthroughEvents.$inferInsert)[] = [];
  readonly outcomes: (typeof breakthroughOutcomes.$inferInsert)[] = [];

  constructor(private readonly tx: Tx) {}

  /** Writes everything pending, in an order where every referenced row is already there. */
  async flush(): Promise<void> {
    // drizzle's table types differ per table; the cast keeps one loop for all of them.
    type AnyTable = typeof users;
    const order: [AnyTable, unknown[]][] = [
      [users, this.users],
      [caseMembers as unknown as AnyTable, this.members],
      [vraagstukken as unknown as AnyTable, this.vraagstukken],
      [goals as unknown as AnyTable, this.goals],
      [collabUpdates as unknown as AnyTable, this.updates],
      [verdictSignatures as unknown as AnyTable, this.signatures],
      [vraagstukDecisions as unknown as AnyTable, this.decisions],
      [deviations as unknown as AnyTable, this.deviations],
      [deviationEvents as unknown as AnyTable, this.deviationEvents],
      [caseStuckFlags as unknown as AnyTable, this.flags],
      [caseLeadEvents as unknown as AnyTable, this.leads],
      [breakthroughRequests as unknown as AnyTable, this.requests],
      [breakthroughVersions as unknown as AnyTable, this.versions],
      [breakthroughEvents as unknown as AnyTable, this.events],
      [breakthroughOutcomes as unknown as AnyTable, this.outcomes],
    ];
    for (const [table, rows] of order) {
      for (let i = 0; i < rows.length; i += BATCH) {
        await this.tx.insert(table).values(rows.slice(i, i + BATCH) as (typeof users.$inferInsert)[]);
      }
      rows.length = 0;
    }
  }
}

export async function buildStuckDataset(db: Db, heavyProcesregisseurCases = 2000): Promise<StuckDataset> {
  const started = performance.now();
  const rand = prng(20_261_120);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const between = (a: number, b: number) => a + Math.floor(rand() * (b - a + 1));
  const now = Date.now();
  const iso = (t: number) => new Date(Math.min(t, now)).toISOString();
  const day = (t: number) => iso(t).slice(0, 10);

  return await transaction(db, async (tx) => {
    // Every read is ordered by something the generator made the same on every run (ids are
    // random UUIDs), so both engines draw the same numbers for the same cases.
    const userIds = async (functie: 'teamleider' | 'wethouder' | 'procesregisseur') =>
      (await tx.select({ id: users.id }).from(users).where(and(eq(users.functie, functie), eq(users.active, true))).orderBy(users.email)).map((r) => r.id);
    const teamleiders = await userIds('teamleider');
    const wethouders = await userIds('wethouder');
    const procesregisseur = (await userIds('procesregisseur'))[0]!;
    const cases = await tx
      .select({ id: casesTable.id, status: casesTable.status, createdAt: casesTable.createdAt, lastActivityAt: casesTable.lastActivityAt })
      .from(casesTable)
      .orderBy(casesTable.createdAt, casesTable.summary, casesTable.title);
    const membersOf = new Map<string, { userId: string; caseRole: string; name: string }[]>();
    const memberRows = await tx
      .select({ caseId: caseMembers.caseId, userId: caseMembers.userId, caseRole: caseMembers.caseRole, name: users.name })
      .from(caseMembers)
      .innerJoin(users, eq(users.id, caseMembers.userId))
      .where(isNull(caseMembers.removedAt))
      .orderBy(caseMembers.caseId, users.email);
    for (const m of memberRows) membersOf.set(m.caseId, [...(membersOf.get(m.caseId) ?? []), m]);

    // The heavy procesregisseur: a procesregisseur (edit) at a deterministic sample of the tables.
    const [demoPr] = await tx.select({ hash: users.passwordHash }).from(users).where(eq(users.id, procesregisseur));
    const heavyId = randomUUID();
    const b = new Batches(tx);
    b.users.push({
      id: heavyId,
      email: HEAVY_PROCESREGISSEUR_EMAIL,
      name: 'Veel Casussen (bench)',
      functie: 'procesregisseur',
      organisation: 'Gemeente Zuiderhaven (bench)',
      passwordHash: demoPr!.hash,
      active: true,
      mustChangePassword: false,
      createdAt: iso(now - 1000 * DAY),
    });
    const order = cases.map((c) => c.id);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const heavyCases = new Set(order.slice(0, heavyProcesregisseurCases));
    const clusters = new Map<string, string[]>();
    const n: Omit<StuckDataset, 'buildMs' | 'heavyProcesregisseur'> = { goals: 0, planUpdates: 0, vraagstukken: 0, signatures: 0, deviations: 0, flags: 0, leads: 0, requests: 0, outcomes: 0 };

    for (const [index, c] of cases.entries()) {
      // Written every 250 cases, so the pending rows stay a few MB.
      if (index % 250 === 0) await b.flush();
      if (heavyCases.has(c.id)) b.members.push({ caseId: c.id, userId: heavyId, caseRole: 'procesregisseur', access: 'edit', addedAt: c.createdAt, addedBy: procesregisseur });
      const members = membersOf.get(c.id) ?? [];
      const writers = members.filter((m) => m.caseRole !== 'mandaathouder' && m.caseRole !== 'inwoner');
      if (writers.length === 0) continue;
      const created = Date.parse(c.createdAt);
      const last = Date.parse(c.lastActivityAt);
      const open = c.status === 'open';
      const someone = () => pick(writers);
      if (rand() < 0.7) {
        const key = pick(CASE_CLUSTERS).key;
        clusters.set(key, [...(clusters.get(key) ?? []), c.id]);
      }

      for (let i = between(3, 8); i > 0; i--, n.goals++) {
        const by = someone().userId;
        const status = open ? pick(['open', 'open', 'bezig', 'bezig', 'bereikt', 'gestopt'] as const) : pick(['bereikt', 'bereikt', 'gestopt'] as const);
        b.goals.push({
          id: randomUUID(),
          caseId: c.id,
          text: 'Een doel in de woorden van het huishouden (bench)',
          lifeDomain: pick(ZRM_DOMAINS).key,
          ownerUserId: by,
          dueDate: day(created + between(30, 400) * DAY),
          status,
          createdBy: by,
          createdAt: iso(created),
          updatedBy: by,
          updatedAt: iso(last),
        });
      }

      // Plan updates between creation and the last activity, oldest first (ids follow time).
      const updates = between(20, 150);
      for (let i = 0; i < updates; i++, n.planUpdates++) {
        b.updates.push({ room: c.id, userId: someone().userId, at: iso(created + ((last - created) * (i + 1)) / updates), size: between(20, 400), update: null });
      }

      for (let v = between(0, 3) - (rand() < 0.3 ? 1 : 0); v > 0; v--, n.vraagstukken++) {
        const id = randomUUID();
        const opened = created + between(1, 60) * DAY;
        b.vraagstukken.push({ id, caseId: c.id, title: pick(['Wonen', 'Inkomen en schulden', 'Opvoeding', 'Zorg voor moeder', 'Werk en dagbesteding']), createdBy: someone().userId, createdAt: iso(opened) });
        const laws = [...LAW_KEYS].sort(() => rand() - 0.5).slice(0, between(2, 4));
        for (const law of laws) {
          const signer = someone();
          b.signatures.push({
            vraagstukId: id,
            law,
            verdict: pick(VERDICTS),
            reasoning: 'Oordeel met redenen (bench).',
            solution: 'De voorgestelde oplossing (bench).',
            byUserId: signer.userId,
            byName: signer.name,
            byCaseRole: signer.caseRole as never,
            at: iso(opened + between(1, 20) * DAY),
          });
          n.signatures++;
        }
        if (rand() < 0.6 || !open) {
          const by = someone();
          const decision = { vraagstukId: id, basis: '{}', byUserId: by.userId, byName: by.name, byCaseRole: by.caseRole as never };
          b.decisions.push({ ...decision, kind: 'besloten', outcome: pick(['uitvoeren', 'uitvoeren', 'niet_uitvoeren'] as const), motivation: 'Motivering van het besluit (bench).', at: iso(opened + between(21, 40) * DAY) });
          if (open && rand() < 0.08) b.decisions.push({ ...decision, kind: 'heropend', outcome: null, motivation: 'Heropend (bench).', at: iso(opened + between(41, 80) * DAY) });
        }
      }

      for (let d = between(0, 3) - (rand() < 0.4 ? 1 : 0); d > 0; d--, n.deviations++) {
        const id = randomUUID();
        const [law, rule] = rand() < 0.8 ? pick(COMMON_RULES) : [pick(LAW_KEYS), `Eigen regel ${between(1, 100000)} uit de lokale beleidsregels`];
        const proposed = created + between(5, 90) * DAY;
        const proposer = someone().userId;
        b.deviations.push({
          id,
          caseId: c.id,
          law: law as never,
          rule,
          route: pick(['hardheidsclausule', 'awb_4_84', 'pwet_18_1'] as const) as never,
          willDo: 'Wat er wel gebeurt (bench).',
          willNotDo: 'Wat er niet gebeurt (bench).',
          reasoning: 'Motivering van de afwijking, evenredig (bench).',
          startDate: day(proposed),
          endDate: day(proposed + between(60, 365) * DAY),
          reviewDate: day(proposed + between(30, 120) * DAY),
          internal: rand() < 0.3,
          proposedBy: proposer,
          proposedAt: iso(proposed),
        });
        const r = rand();
        const decider = pick(teamleiders);
        if (r < 0.7) b.deviationEvents.push({ deviationId: id, kind: 'goedgekeurd' as never, byUserId: decider, mandate: 'teamleider' as never, at: iso(proposed + between(1, 10) * DAY) });
        else if (r < 0.8) b.deviationEvents.push({ deviationId: id, kind: 'afgewezen' as never, byUserId: decider, mandate: 'teamleider' as never, at: iso(proposed + between(1, 10) * DAY) });
        if (r < 0.05) b.deviationEvents.push({ deviationId: id, kind: 'ingetrokken' as never, byUserId: proposer, mandate: null, at: iso(proposed + between(20, 40) * DAY) });
      }

      if (open && rand() < 0.06) {
        b.flags.push({ caseId: c.id, kind: 'gemeld', reason: 'Het plan komt niet van de grond; de betrokken organisaties wachten op elkaar (bench).', byUserId: someone().userId, at: iso(last - between(0, 30) * DAY) });
        n.flags++;
        if (rand() < 0.3) {
          b.flags.push({ caseId: c.id, kind: 'opgeheven', reason: 'Afspraken staan weer (bench).', byUserId: someone().userId, at: iso(last) });
          n.flags++;
        }
      }
      const prMember = members.find((m) => m.userId === procesregisseur);
      if (prMember && open && rand() < 0.3) {
        b.leads.push({ caseId: c.id, kind: 'genomen', userId: procesregisseur, note: null, at: iso(last - between(0, 20) * DAY) });
        n.leads++;
      }

      if (rand() < 0.08) {
        const id = randomUUID();
        const requester = prMember ? procesregisseur : someone().userId;
        const submitted = created + between(20, 200) * DAY;
        b.requests.push({ id, caseId: c.id, createdBy: requester, createdAt: iso(submitted) });
        const kind = pick(['budget', 'beleidsregel', 'verordening', 'wet'] as const);
        // The cost comparison as the product stores it (shared/schemas CostLines), in whole euros.
        const costs = {
          carryOn: Array.from({ length: between(1, 4) }, () => ({ label: pick(CARRY_ON), cents: between(1_000, 30_000) * 100 })),
          breakthrough: Array.from({ length: between(1, 3) }, () => ({ label: pick(BREAKTHROUGH), cents: between(200, 15_000) * 100, per: rand() < 0.6 ? 'jaar' : 'eenmalig' })),
        };
        const version = (v: number, at: number) =>
          b.versions.push({
            requestId: id,
            version: v,
            stuck: 'Wat vastzit (bench).',
            stuckSince: day(submitted - 60 * DAY),
            proposal: 'De voorgestelde doorbraak (bench).',
            kind: kind as never,
            blocking: JSON.stringify({ laws: [pick(LAW_KEYS)], rules: '', vraagstukIds: [], deviationIds: [] }),
            costs: JSON.stringify(costs),
            amountCents: between(0, 40_000) * 100,
            submittedBy: requester,
            submittedAt: iso(at),
          });
        version(1, submitted);
        n.requests++;
        const level = kind === 'wet' ? 'wethouder' : 'teamleider';
        const assignee = level === 'wethouder' ? pick(wethouders) : pick(teamleiders);
        const event = (kindOf: (typeof breakthroughEvents.$inferInsert)['kind'], lvl: string, assigneeId: string | null, by: string, mandate: string | null, at: number) =>
          b.events.push({ requestId: id, kind: kindOf, level: lvl as never, assigneeId, byUserId: by, mandate: mandate as never, note: null, at: iso(at) });
        event('voorgelegd', level, assignee, requester, null, submitted);
        const r = rand();
        const decided = submitted + between(2, 40) * DAY;
        if (r < 0.5) {
          event('toegekend', level, null, assignee, level, decided);
          if (rand() < 0.6) {
            b.outcomes.push({
              requestId: id,
              achieved: rand() < 0.7,
              type: pick(BREAKTHROUGH_TYPES).key as never,
              difference: 'Wat het verschil maakte (bench).',
              successStory: rand() < 0.2,
              byUserId: requester,
              at: iso(decided + between(60, 200) * DAY),
            });
            n.outcomes++;
          }
        } else if (r < 0.7) {
          event('afgewezen', level, null, assignee, level, decided);
          if (level === 'teamleider' && rand() < 0.5) event('opgeschaald', 'directeur', null, requester, null, decided + DAY);
        } else if (r < 0.8) {
          event('terug', level, null, assignee, level, decided);
        }
      }
    }
    await b.flush();
    // One UPDATE per cluster instead of one per case.
    for (const [key, ids] of clusters) {
      for (let i = 0; i < ids.length; i += BATCH) await tx.update(casesTable).set({ cluster: key as never }).where(inArray(casesTable.id, ids.slice(i, i + BATCH)));
    }
    return { ...n, heavyProcesregisseur: { id: heavyId, email: HEAVY_PROCESREGISSEUR_EMAIL, cases: heavyCases.size }, buildMs: performance.now() - started };
  });
}
