// Loads the demo households into an empty database. Never touches a database that
// already has accounts, so it is safe to leave on between restarts.
import { transaction, type Db } from '../../db/client';
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

export async function isEmpty(db: Db): Promise<boolean> {
  return await countUsers(db) === 0;
}

export async function activeDemoAccounts(db: Db): Promise<number> {
  return await countActiveUsersInDomain(db, DEMO_EMAIL_DOMAIN);
}

export async function seedDemoData(db: Db, password: string): Promise<void> {
  // One hash for all demo accounts: they share the published demo password anyway.
  const passwordHash = await hashPassword(password);
  await transaction(db, async (tx) => {
      const ids = new Map<string, string>();
      for (const a of DEMO_ACCOUNTS) {
        const row = await insertUser(tx, { email: demoEmail(a.key), name: a.name, functie: a.functie, organisation: a.organisation, phone: a.phone ?? null, passwordHash, mustChangePassword: false, active: a.active ?? true });
        ids.set(a.key, row.id);
      }
      const id = (key: string) => {
        const v = ids.get(key);
        if (!v) throw new Error(`demo account ${key} ontbreekt`);
        return v;
      };
      for (const h of DEMO_HOUSEHOLDS) {
        const created = daysAgo(h.createdDaysAgo);
        const row = await insertCase(tx, { title: h.title, summary: h.summary, createdBy: id(h.createdBy), at: created, cluster: h.cluster });
        await appendAudit(tx, { action: 'case.create', actorUserId: id(h.createdBy), caseId: row.id, detail: { title: h.title, source: 'demo' } });
        for (const m of h.members) {
          await putMember(tx, { caseId: row.id, userId: id(m.key), caseRole: m.caseRole, access: m.access, addedBy: id(h.createdBy), at: created });
          if (m.removedDaysAgo !== undefined) await removeMember(tx, row.id, id(m.key), daysAgo(m.removedDaysAgo));
        }
        if (h.regisseur) await setRegisseur(tx, row.id, id(h.regisseur));
        if (h.closed) {
          await changeStatus(tx, { caseId: row.id, status: 'gesloten', byUserId: id(h.closed.by), note: 'Casus gesloten met borgingsafspraken', borgingsafspraken: h.closed.borgingsafspraken, at: daysAgo(h.closed.daysAgo) });
        }
        await touchCase(tx, row.id, daysAgo(h.lastActivityDaysAgo));
      }
      await seedDemoCatalogue(tx, id('beheer'));
    });
}
