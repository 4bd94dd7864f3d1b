// What goes into the dossier of one adopted plan version, for one reader: everything for
// municipal staff (volledig), nothing internal and no breakthroughs for a partner (extern).
// The goals, conclusions and deviations are the version's own copy, not today's rows.
import type { Db } from '../../db/client';
import type { CaseRow } from '../../db/queries/cases';
import { findUserById } from '../../db/queries/users';
import type { PlanContent } from '../../shared/plan/doc';
import type { CaseStatus } from '../../shared/roles';
import type { DossierVariant, PlanRecords } from '../../shared/schemas';
import { readVersion } from '../plan/versions';
import { type AdoptingConference, conferenceOfVersion } from './minutes';

export interface DossierModel {
  variant: DossierVariant;
  caseTitle: string;
  caseStatus: CaseStatus;
  regisseur: string | null;
  version: { number: number; adoptedAt: string; adoptedBy: string; note: string | null };
  plan: Omit<PlanContent, 'records'>;
  /** Null for versions adopted before records were copied. */
  records: PlanRecords | null;
  conference: AdoptingConference | null;
  exportedAt: string;
  exportedBy: { name: string; role: string };
}

export async function dossierModel(db: Db, row: CaseRow, number: number, variant: DossierVariant, exportedBy: DossierModel['exportedBy'], exportedAt: string): Promise<DossierModel> {
  const version = await readVersion(db, row.id, number, variant === 'volledig');
  const { records, ...plan } = version.content;
  return {
    variant,
    caseTitle: row.title,
    caseStatus: row.status,
    regisseur: row.regisseurUserId ? ((await findUserById(db, row.regisseurUserId))?.name ?? null) : null,
    version: { number: version.number, adoptedAt: version.adoptedAt, adoptedBy: version.adoptedBy.name, note: version.note },
    plan: plan as DossierModel['plan'],
    records: records ?? null,
    conference: await conferenceOfVersion(db, row.id, number),
    exportedAt,
    exportedBy,
  };
}
