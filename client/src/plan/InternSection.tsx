// The internal room: notes for municipal staff only (e.g. a fraud-relevant suspicion). A
// separate Y.Doc on `<caseId>:intern`, because a document is shared all or nothing. Only
// rendered for members with case.intern.access, so others never even try to connect.
import { INTERN_NOTES, sectionFragment } from '../../../shared/plan/doc';
import { roomName } from '../../../shared/plan/rooms';
import { CASE_ROLE_LABELS } from '../../../shared/roles';
import type { CaseDetail, SessionUser } from '../../../shared/schemas';
import { Loading } from '../components/Feedback';
import { CollabEditor } from '../collab/CollabEditor';
import { HistoryPanel } from './HistoryPanel';
import { readOnlyReason, useLocalUser } from './PlanSection';
import { ConnectionStatus, PresenceList, usePresence } from '../collab/Presence';
import { type Connection, type LocalUser, type Room, useCollabRoom } from '../collab/useCollabRoom';

export function InternSection({ detail, user, onAccessChanged }: { detail: CaseDetail; user: SessionUser; onAccessChanged?: () => void }) {
  const canEdit = detail.me.can['intern.edit'];
  const me = useLocalUser(user);
  const { room, connection, synced } = useCollabRoom(roomName(detail.id, 'intern'), me, canEdit, onAccessChanged);
  return (
    <section aria-labelledby="intern-kop" className="paneel intern" data-synced={synced}>
      <div className="sectiekop">
        <h2 id="intern-kop">
          <span className="label-vertrouwelijk">Vertrouwelijk</span> Intern (alleen gemeente)
        </h2>
        <ConnectionStatus connection={connection} id="intern-verbinding" />
      </div>
      <p className="intern-uitleg">
        Deze ruimte staat los van het gezinsplan. Externe partners en het huishouden zien haar niet en kunnen er niet mee verbinden. Zet hier alleen wat de gemeente
        intern moet weten.
      </p>
      {!canEdit && (
        <p className="melding melding-info">
          U kunt de interne notities lezen maar niet wijzigen. {readOnlyReason(detail)}
        </p>
      )}
      {room ? <InternBody room={room} detail={detail} user={user} me={me} canEdit={canEdit} connection={connection} /> : <Loading what="Interne notities" />}
    </section>
  );
}

function InternBody({ room, detail, user, me, canEdit, connection }: { room: Room; detail: CaseDetail; user: SessionUser; me: LocalUser; canEdit: boolean; connection: Connection }) {
  const people = usePresence(room.provider, { userId: user.id, name: user.name, role: CASE_ROLE_LABELS[detail.me.caseRole], canWrite: canEdit, color: me.color });
  return (
    <>
      <PresenceList people={people} id="intern-aanwezig" connection={connection} />
      <CollabEditor doc={room.doc} provider={room.provider} fragment={sectionFragment(room.doc, INTERN_NOTES.key)} id="intern-notities" label={INTERN_NOTES.label} hint={INTERN_NOTES.hint} editable={canEdit} me={me} />
      <HistoryPanel caseId={detail.id} room="intern" id="intern-geschiedenis" title="Wie heeft de interne notities gewijzigd" />
    </>
  );
}
