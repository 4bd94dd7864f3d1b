// Turns rows into the API shapes from shared/schemas.
import type { Db } from '../../db/client';
import { type CaseRow, listActiveMembers, listCasesForUser, listStatusHistory } from '../../db/queries/cases';
import type { UserRow } from '../../db/queries/users';
import { caseCapabilities, type Membership } from '../../shared/permissions';
import type { CaseDetail, CaseListItem } from '../../shared/schemas';

export async function werkbak(db: Db, userId: string): Promise<CaseListItem[]> {
  return (await listCasesForUser(db, userId)).map((r) => ({
    id: r.id,
    title: r.title,
    status: r.status,
    regisseur: r.regisseurId && r.regisseurName ? { id: r.regisseurId, name: r.regisseurName } : null,
    myRole: r.myRole,
    myAccess: r.myAccess,
    memberCount: Number(r.memberCount),
    lastActivityAt: r.lastActivityAt,
  }));
}

export async function caseDetail(db: Db, row: CaseRow, user: UserRow, membership: Membership): Promise<CaseDetail> {
  // The regisseur first: "who is my one contact?" is the first question at the table.
  const members = (await listActiveMembers(db, row.id))
    .map((m) => ({ ...m, isRegisseur: m.userId === row.regisseurUserId }))
    .sort((a, b) => Number(b.isRegisseur) - Number(a.isRegisseur));
  const regisseur = members.find((m) => m.isRegisseur);
  return {
    id: row.id,
    title: row.title,
    summary: row.summary,
    status: row.status,
    regisseur: regisseur ? { id: regisseur.userId, name: regisseur.name } : null,
    createdAt: row.createdAt,
    lastActivityAt: row.lastActivityAt,
    borgingsafspraken: row.borgingsafspraken,
    members,
    statusHistory: (await listStatusHistory(db, row.id)).map((s) => ({ status: s.status, at: s.at, by: { id: s.byId, name: s.byName }, note: s.note })),
    me: { caseRole: membership.caseRole, access: membership.access, can: caseCapabilities(user.functie, membership, row.status) },
  };
}
