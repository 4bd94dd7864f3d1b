// The household plan, live: one room on the collaboration socket, three texts, the
// household's composition, ZRM scores, adopted versions and who changed what.
import { useMemo } from 'react';
import { PLAIN_SECTION, PLAN_SECTIONS, sectionFragment } from '../../../shared/plan/doc';
import { roomName } from '../../../shared/plan/rooms';
import { ACCESS_LABELS, CASE_ROLE_LABELS } from '../../../shared/roles';
import type { CaseDetail, SessionUser } from '../../../shared/schemas';
import { Loading } from '../components/Feedback';
import { GoalsSection } from '../goals/GoalsSection';
import { CollabEditor } from '../collab/CollabEditor';
import { colorFor } from '../collab/colors';
import { HistoryPanel } from './HistoryPanel';
import { HouseholdPanel } from './HouseholdPanel';
import { ReadabilityHint } from './ReadabilityHint';
import { ConnectionStatus, PresenceList, usePresence } from '../collab/Presence';
import { type Connection, type LocalUser, type Room, useCollabRoom } from '../collab/useCollabRoom';
import { VersionsPanel } from './VersionsPanel';
import { VraagstukkenSection } from '../vraagstukken/VraagstukkenSection';
import { ZrmPanel } from './ZrmPanel';

export function useLocalUser(user: SessionUser): LocalUser {
  return useMemo(() => ({ name: user.name, color: colorFor(user.id) }), [user.name, user.id]);
}

export function readOnlyReason(detail: CaseDetail): string {
  if (detail.status !== 'open') return 'De casus is gesloten.';
  return `Uw toegang in deze casus is „${ACCESS_LABELS[detail.me.access].toLowerCase()}”.`;
}

export function PlanSection({ detail, user, onAccessChanged }: { detail: CaseDetail; user: SessionUser; onAccessChanged?: () => void }) {
  const canEdit = detail.me.can['plan.edit'];
  const me = useLocalUser(user);
  const { room, connection, synced } = useCollabRoom(roomName(detail.id, 'plan'), me, canEdit, onAccessChanged);

  return (
    <section aria-labelledby="plan-kop" className="paneel plan" data-synced={synced}>
      <div className="sectiekop">
        <h2 id="plan-kop">Gezinsplan</h2>
        <ConnectionStatus connection={connection} id="plan-verbinding" />
      </div>
      <p className="uitleg">Eén gezin, één plan: iedereen aan tafel werkt live in hetzelfde plan. Elke wijziging wordt direct opgeslagen, met wie en wanneer.</p>
      {!canEdit && (
        <p className="melding melding-info">
          U kunt het plan lezen maar niet wijzigen. {readOnlyReason(detail)}
        </p>
      )}
      {room ? (
        <PlanBody room={room} detail={detail} user={user} me={me} canEdit={canEdit} connection={connection} />
      ) : (
        <Loading what="Gezinsplan" />
      )}
    </section>
  );
}

function PlanBody({ room, detail, user, me, canEdit, connection }: { room: Room; detail: CaseDetail; user: SessionUser; me: LocalUser; canEdit: boolean; connection: Connection }) {
  const people = usePresence(room.provider, { userId: user.id, name: user.name, role: CASE_ROLE_LABELS[detail.me.caseRole], canWrite: canEdit, color: me.color });
  return (
    <>
      <PresenceList people={people} id="plan-aanwezig" connection={connection} />
      <div className="plandeel plan-teksten">
        {PLAN_SECTIONS.map((s) => (
          <div key={s.key} className={s.key === PLAIN_SECTION ? 'plan-eenvoudig' : undefined}>
            <CollabEditor doc={room.doc} provider={room.provider} fragment={sectionFragment(room.doc, s.key)} id={`plan-${s.key}`} label={s.label} hint={s.hint} editable={canEdit} me={me} />
            {s.key === PLAIN_SECTION && <ReadabilityHint fragment={sectionFragment(room.doc, s.key)} id={`plan-${s.key}-leesbaarheid`} />}
          </div>
        ))}
      </div>
      <HouseholdPanel doc={room.doc} editable={canEdit} />
      <ZrmPanel doc={room.doc} editable={canEdit} />
      <VraagstukkenSection detail={detail} room={room} me={me} />
      <GoalsSection detail={detail} userId={user.id} />
      <VersionsPanel caseId={detail.id} canAdopt={detail.me.can['plan.adopt']} />
      <HistoryPanel caseId={detail.id} room="plan" id="plan-geschiedenis" title="Wie heeft het plan gewijzigd" />
    </>
  );
}
