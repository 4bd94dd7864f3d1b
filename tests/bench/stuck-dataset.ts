// What the stuck-case signals and the knelpunten read, added to the 5,000 bench cases of
// dataset.ts in sizes a municipality would see: per case 3-8 goals, 20-150 stored plan updates
// (compacted: the row stays, the bytes are gone), 0-3 vraagstukken with 2-4 signed verdicts
// each, 0-3 deviations with their decisions, and here and there a vastgelopen flag, a lead,
// a breakthrough request with its versions, events and outcome (its cost comparison in the
// shape the product stores: carryOn and breakthrough lines). Also a heavy procesregisseur who sits
// at ~2,000 of the tables, to time the overview for the busiest user. Written straight into SQLite
// in one transaction (the product's own commands would audit and relay every row; that is not
// what is measured). Deterministic.
import { randomUUID } from 'node:crypto';
import { sqliteConnection, type Db } from '../../db/client';
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

export function buildStuckDataset(db: Db, heavyProcesregisseurCases = 2000): StuckDataset {
  const started = performance.now();
  const rand = prng(20_261_120);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const between = (a: number, b: number) => a + Math.floor(rand() * (b - a + 1));
  const now = Date.now();
  const iso = (t: number) => new Date(Math.min(t, now)).toISOString();
  const day = (t: number) => iso(t).slice(0, 10);
  // A bulk loader of some 100,000 rows: prepared statements on the SQLite connection (the bench runs on SQLite).
  const sqlite = sqliteConnection(db);

  const userIds = (functie: string) => (sqlite.prepare('select id from users where functie = ? and active = 1').all(functie) as { id: string }[]).map((r) => r.id);
  const teamleiders = userIds('teamleider');
  const wethouders = userIds('wethouder');
  const procesregisseur = userIds('procesregisseur')[0]!;
  const cases = sqlite.prepare('select id, status, created_at as createdAt, last_activity_at as lastActivityAt, closed_at as closedAt from cases').all() as {
    id: string;
    status: string;
    createdAt: string;
    lastActivityAt: string;
    closedAt: string | null;
  }[];
  const membersOf = new Map<string, { userId: string; caseRole: string; name: string }[]>();
  for (const m of sqlite.prepare('select m.case_id as caseId, m.user_id as userId, m.case_role as caseRole, u.name from case_members m join users u on u.id = m.user_id where m.removed_at is null').all() as {
    caseId: string;
    userId: string;
    caseRole: string;
    name: string;
  }[]) {
    membersOf.set(m.caseId, [...(membersOf.get(m.caseId) ?? []), m]);
  }

  // The heavy procesregisseur: a procesregisseur (edit) at a deterministic sample of the tables.
  const demoPr = sqlite.prepare('select password_hash as hash from users where id = ?').get(procesregisseur) as { hash: string };
  const heavyId = randomUUID();
  sqlite
    .prepare('insert into users (id, email, name, functie, organisation, password_hash, active, must_change_password, created_at) values (?, ?, ?, ?, ?, ?, 1, 0, ?)')
    .run(heavyId, HEAVY_PROCESREGISSEUR_EMAIL, 'Veel Casussen (bench)', 'procesregisseur', 'Gemeente Zuiderhaven (bench)', demoPr.hash, iso(now - 1000 * DAY));
  const order = cases.map((c) => c.id);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const heavyCases = new Set(order.slice(0, heavyProcesregisseurCases));
  const addMember = sqlite.prepare("insert into case_members (case_id, user_id, case_role, access, added_at, added_by) values (?, ?, 'procesregisseur', 'edit', ?, ?)");

  const s = {
    cluster: sqlite.prepare('update cases set cluster = ? where id = ?'),
    goal: sqlite.prepare(
      `insert into goals (id, case_id, text, life_domain, vraagstuk_id, owner_user_id, owner_household, due_date, status, household_agreed_on, household_agreed_recorded_by, created_by, created_at, updated_by, updated_at)
       values (?, ?, ?, ?, null, ?, null, ?, ?, null, null, ?, ?, ?, ?)`,
    ),
    update: sqlite.prepare('insert into collab_updates (room, user_id, at, size, "update") values (?, ?, ?, ?, null)'),
    vraagstuk: sqlite.prepare('insert into vraagstukken (id, case_id, title, created_by, created_at) values (?, ?, ?, ?, ?)'),
    signature: sqlite.prepare(
      `insert into verdict_signatures (vraagstuk_id, law, verdict, reasoning, solution, by_user_id, by_name, by_case_role, at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    decision: sqlite.prepare(
      `insert into vraagstuk_decisions (vraagstuk_id, kind, outcome, motivation, review_date, basis, by_user_id, by_name, by_case_role, at) values (?, ?, ?, ?, null, '{}', ?, ?, ?, ?)`,
    ),
    deviation: sqlite.prepare(
      `insert into deviations (id, case_id, law, rule, route, route_other, will_do, will_not_do, reasoning, start_date, end_date, review_date, internal, proposed_by, proposed_at)
       values (?, ?, ?, ?, ?, null, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    deviationEvent: sqlite.prepare('insert into deviation_events (deviation_id, kind, by_user_id, mandate, at, note) values (?, ?, ?, ?, ?, null)'),
    flag: sqlite.prepare('insert into case_stuck_flags (case_id, kind, reason, by_user_id, at) values (?, ?, ?, ?, ?)'),
    lead: sqlite.prepare('insert into case_lead_events (case_id, kind, user_id, note, at) values (?, ?, ?, null, ?)'),
    request: sqlite.prepare('insert into breakthrough_requests (id, case_id, created_by, created_at) values (?, ?, ?, ?)'),
    version: sqlite.prepare(
      `insert into breakthrough_versions (request_id, version, stuck, stuck_since, proposal, kind, blocking, costs, amount_cents, submitted_by, submitted_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    event: sqlite.prepare('insert into breakthrough_events (request_id, kind, level, assignee_id, by_user_id, mandate, note, at) values (?, ?, ?, ?, ?, ?, null, ?)'),
    outcome: sqlite.prepare(
      'insert into breakthrough_outcomes (request_id, achieved, type, type_other, difference, success_story, by_user_id, at) values (?, ?, ?, null, ?, ?, ?, ?)',
    ),
  };
  const n: Omit<StuckDataset, 'buildMs' | 'heavyProcesregisseur'> = { goals: 0, planUpdates: 0, vraagstukken: 0, signatures: 0, deviations: 0, flags: 0, leads: 0, requests: 0, outcomes: 0 };

  sqlite.transaction(() => {
    for (const c of cases) {
      if (heavyCases.has(c.id)) addMember.run(c.id, heavyId, c.createdAt, procesregisseur);
      const members = membersOf.get(c.id) ?? [];
      const writers = members.filter((m) => m.caseRole !== 'mandaathouder' && m.caseRole !== 'inwoner');
      if (writers.length === 0) continue;
      const created = Date.parse(c.createdAt);
      const last = Date.parse(c.lastActivityAt);
      const open = c.status === 'open';
      const someone = () => pick(writers);
      if (rand() < 0.7) s.cluster.run(pick(CASE_CLUSTERS).key, c.id);

      for (let i = between(3, 8); i > 0; i--, n.goals++) {
        const by = someone().userId;
        const status = open ? pick(['open', 'open', 'bezig', 'bezig', 'bereikt', 'gestopt']) : pick(['bereikt', 'bereikt', 'gestopt']);
        s.goal.run(randomUUID(), c.id, 'Een doel in de woorden van het huishouden (bench)', pick(ZRM_DOMAINS).key, by, day(created + between(30, 400) * DAY), status, by, iso(created), by, iso(last));
      }

      // Plan updates between creation and the last activity, oldest first (ids follow time).
      const updates = between(20, 150);
      for (let i = 0; i < updates; i++, n.planUpdates++) s.update.run(c.id, someone().userId, iso(created + ((last - created) * (i + 1)) / updates), between(20, 400));

      for (let v = between(0, 3) - (rand() < 0.3 ? 1 : 0); v > 0; v--, n.vraagstukken++) {
        const id = randomUUID();
        const opened = created + between(1, 60) * DAY;
        s.vraagstuk.run(id, c.id, pick(['Wonen', 'Inkomen en schulden', 'Opvoeding', 'Zorg voor moeder', 'Werk en dagbesteding']), someone().userId, iso(opened));
        const laws = [...LAW_KEYS].sort(() => rand() - 0.5).slice(0, between(2, 4));
        for (const law of laws) {
          const signer = someone();
          s.signature.run(id, law, pick(VERDICTS), 'Oordeel met redenen (bench).', 'De voorgestelde oplossing (bench).', signer.userId, signer.name, signer.caseRole, iso(opened + between(1, 20) * DAY));
          n.signatures++;
        }
        if (rand() < 0.6 || !open) {
          const by = someone();
          s.decision.run(id, 'besloten', pick(['uitvoeren', 'uitvoeren', 'niet_uitvoeren']), 'Motivering van het besluit (bench).', by.userId, by.name, by.caseRole, iso(opened + between(21, 40) * DAY));
          if (open && rand() < 0.08) s.decision.run(id, 'heropend', null, 'Heropend (bench).', by.userId, by.name, by.caseRole, iso(opened + between(41, 80) * DAY));
        }
      }

      for (let d = between(0, 3) - (rand() < 0.4 ? 1 : 0); d > 0; d--, n.deviations++) {
        const id = randomUUID();
        const [law, rule] = rand() < 0.8 ? pick(COMMON_RULES) : [pick(LAW_KEYS), `Eigen regel ${between(1, 100000)} uit de lokale beleidsregels`];
        const proposed = created + between(5, 90) * DAY;
        const proposer = someone().userId;
        s.deviation.run(id, c.id, law, rule, pick(['hardheidsclausule', 'awb_4_84', 'pwet_18_1']), 'Wat er wel gebeurt (bench).', 'Wat er niet gebeurt (bench).', 'Motivering van de afwijking, evenredig (bench).', day(proposed), day(proposed + between(60, 365) * DAY), day(proposed + between(30, 120) * DAY), rand() < 0.3 ? 1 : 0, proposer, iso(proposed));
        const r = rand();
        const decider = pick(teamleiders);
        if (r < 0.7) s.deviationEvent.run(id, 'goedgekeurd', decider, 'teamleider', iso(proposed + between(1, 10) * DAY));
        else if (r < 0.8) s.deviationEvent.run(id, 'afgewezen', decider, 'teamleider', iso(proposed + between(1, 10) * DAY));
        if (r < 0.05) s.deviationEvent.run(id, 'ingetrokken', proposer, null, iso(proposed + between(20, 40) * DAY));
      }

      if (open && rand() < 0.06) {
        s.flag.run(c.id, 'gemeld', 'Het plan komt niet van de grond; de betrokken organisaties wachten op elkaar (bench).', someone().userId, iso(last - between(0, 30) * DAY));
        n.flags++;
        if (rand() < 0.3) {
          s.flag.run(c.id, 'opgeheven', 'Afspraken staan weer (bench).', someone().userId, iso(last));
          n.flags++;
        }
      }
      const prMember = members.find((m) => m.userId === procesregisseur);
      if (prMember && open && rand() < 0.3) {
        s.lead.run(c.id, 'genomen', procesregisseur, iso(last - between(0, 20) * DAY));
        n.leads++;
      }

      if (rand() < 0.08) {
        const id = randomUUID();
        const requester = prMember ? procesregisseur : someone().userId;
        const submitted = created + between(20, 200) * DAY;
        s.request.run(id, c.id, requester, iso(submitted));
        const kind = pick(['budget', 'beleidsregel', 'verordening', 'wet']);
        // The cost comparison as the product stores it (shared/schemas CostLines), in whole euros.
        const costs = {
          carryOn: Array.from({ length: between(1, 4) }, () => ({ label: pick(CARRY_ON), cents: between(1_000, 30_000) * 100 })),
          breakthrough: Array.from({ length: between(1, 3) }, () => ({ label: pick(BREAKTHROUGH), cents: between(200, 15_000) * 100, per: rand() < 0.6 ? 'jaar' : 'eenmalig' })),
        };
        const version = (v: number, at: number) =>
          s.version.run(id, v, 'Wat vastzit (bench).', day(submitted - 60 * DAY), 'De voorgestelde doorbraak (bench).', kind, JSON.stringify({ laws: [pick(LAW_KEYS)], rules: '', vraagstukIds: [], deviationIds: [] }), JSON.stringify(costs), between(0, 40_000) * 100, requester, iso(at));
        version(1, submitted);
        n.requests++;
        const level = kind === 'wet' ? 'wethouder' : 'teamleider';
        const assignee = level === 'wethouder' ? pick(wethouders) : pick(teamleiders);
        s.event.run(id, 'voorgelegd', level, assignee, requester, null, iso(submitted));
        const r = rand();
        const decided = submitted + between(2, 40) * DAY;
        if (r < 0.5) {
          s.event.run(id, 'toegekend', level, null, assignee, level, iso(decided));
          if (rand() < 0.6) {
            s.outcome.run(id, rand() < 0.7 ? 1 : 0, pick(BREAKTHROUGH_TYPES).key, 'Wat het verschil maakte (bench).', rand() < 0.2 ? 1 : 0, requester, iso(decided + between(60, 200) * DAY));
            n.outcomes++;
          }
        } else if (r < 0.7) {
          s.event.run(id, 'afgewezen', level, null, assignee, level, iso(decided));
          if (level === 'teamleider' && rand() < 0.5) s.event.run(id, 'opgeschaald', 'directeur', null, requester, null, iso(decided + DAY));
        } else if (r < 0.8) {
          s.event.run(id, 'terug', level, null, assignee, level, iso(decided));
        }
      }
    }
  }).immediate();
  return { ...n, heavyProcesregisseur: { id: heavyId, email: HEAVY_PROCESREGISSEUR_EMAIL, cases: heavyCases.size }, buildMs: performance.now() - started };
}
