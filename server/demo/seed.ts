// Loads the demo households into an empty database. Never touches a database that
// already has accounts, so it is safe to leave on between restarts.
import type { Db } from '../../db/client';
import { appendAudit } from '../../db/queries/audit';
import { changeStatus, insertCase, putMember, removeMember, setRegisseur, touchCase } from '../../db/queries/cases';
import { countActiveUsersInDomain, countUsers, insertUser } from '../../db/queries/users';
import { hashPassword } from '../auth/passwords';
import { seedDemoCatalogue } from './catalogue';
import { DEMO_ACCOUNTS, DEMO_EMAIL_DOMAIN, DEMO_HOUSEHOLDS } from './households';

export function demoEmail(key: string): string {
  return `${key}@${DEMO_EMAIL_DOMAIN}`;
}

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

export function isEmpty(db: Db): boolean {
  return countUsers(db) === 0;
}

export function activeDemoAccounts(db: Db): number {
  return countActiveUsersInDomain(db, DEMO_EMAIL_DOMAIN);
}

export async function seedDemoData(db: Db, password: string): Promise<void> {
  // One hash for all demo accounts: they share the published demo password anyway.
  const passwordHash = await hashPassword(password);
  db.transaction(
    (tx) => {
      const ids = new Map<string, string>();
      for (const a of DEMO_ACCOUNTS) {
        const row = insertUser(tx, { email: demoEmail(a.key), name: a.name, functie: a.functie, organisation: a.organisation, phone: a.phone ?? null, passwordHash, mustChangePassword: false, active: a.active ?? true });
        ids.set(a.key, row.id);
      }
      const id = (key: string) => {
        const v = ids.get(key);
        if (!v) throw new Error(`demo account ${key} ontbreekt`);
        return v;
      };
      for (const h of DEMO_HOUSEHOLDS) {
        const created = daysAgo(h.createdDaysAgo);
        const row = insertCase(tx, { title: h.title, summary: h.summary, createdBy: id(h.createdBy), at: created, cluster: h.cluster });
        appendAudit(tx, { action: 'case.create', actorUserId: id(h.createdBy), caseId: row.id, detail: { title: h.title, source: 'demo' } });
        for (const m of h.members) {
          putMember(tx, { caseId: row.id, userId: id(m.key), caseRole: m.caseRole, access: m.access, addedBy: id(h.createdBy), at: created });
          if (m.removedDaysAgo !== undefined) removeMember(tx, row.id, id(m.key), daysAgo(m.removedDaysAgo));
        }
        if (h.regisseur) setRegisseur(tx, row.id, id(h.regisseur));
        if (h.closed) {
          changeStatus(tx, { caseId: row.id, status: 'gesloten', byUserId: id(h.closed.by), note: 'Casus gesloten met borgingsafspraken', borgingsafspraken: h.closed.borgingsafspraken, at: daysAgo(h.closed.daysAgo) });
        }
        touchCase(tx, row.id, daysAgo(h.lastActivityDaysAgo));
      }
      seedDemoCatalogue(tx, id('beheer'));
    },
    { behavior: 'immediate' },
  );
}
