// Exporting the dossier of an adopted plan version. Who gets which variant is decided here,
// never by the request alone: an external partner asking for "volledig" gets "extern".
import { nowIso } from '../../db/client';
import { recordAudit } from '../../db/queries/audit';
import { canInCase } from '../../shared/permissions';
import { CASE_ROLE_LABELS } from '../../shared/roles';
import type { DossierVariant } from '../../shared/schemas';
import { authorizeCase } from '../cases/gate';
import type { Actor, Services } from '../context';
import { dossierModel } from './model';
import { renderDossierPdf } from './pdf';

export interface DossierFile {
  pdf: Buffer;
  filename: string;
  variant: DossierVariant;
}

/** ASCII only: the name goes into a Content-Disposition header. */
function slug(title: string): string {
  const s = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return s || 'casus';
}

export async function exportDossier(services: Services, actor: Actor, caseId: string, number: number, requested: DossierVariant | undefined): Promise<DossierFile> {
  const { db } = services;
  const { caseRow: row, membership } = await authorizeCase(db, actor, caseId, 'dossier.export');
  const seesInternal = canInCase(actor.user.functie, membership, row.status, 'case.intern.access');
  const variant: DossierVariant = seesInternal && requested !== 'extern' ? 'volledig' : 'extern';
  const model = await dossierModel(db, row, number, variant, { name: actor.user.name, role: CASE_ROLE_LABELS[membership.caseRole] }, nowIso());
  const pdf = await renderDossierPdf(model);
  await recordAudit(db, { action: 'dossier.exported', actorUserId: actor.user.id, caseId, ip: actor.ip, detail: { number, variant, requested: requested ?? null } });
  return { pdf, filename: `dossier-${slug(row.title)}-versie-${number}-${variant}.pdf`, variant };
}
