// The live part of a session: the three reflection notes (wat hielp, wat hinderde, lessen)
// and the working copy of the plan texts, co-edited in the room `intervisie:<id>`. Loaded
// lazily: it brings the editor and Yjs.
import { useMemo } from 'react';
import { PLAN_SECTIONS } from '../../../shared/plan/doc';
import { copyFragment, REFLECTION_PARTS, reflectionFragment } from '../../../shared/plan/intervision';
import { intervisionRoomName } from '../../../shared/plan/rooms';
// Types only from shared/schemas: a value import here would make the bundler split the schemas
// (and zod) into a chunk of their own, evaluated before main.tsx switches zod's eval probe off.
import type { IntervisionSession, SessionUser } from '../../../shared/schemas';
import { Loading } from '../components/Feedback';
import { CollabEditor } from '../collab/CollabEditor';
import { colorFor } from '../collab/colors';
import { ConnectionStatus, PresenceList, usePresence } from '../collab/Presence';
import { type Connection, type LocalUser, type Room, useCollabRoom } from '../collab/useCollabRoom';

interface Props {
  session: IntervisionSession;
  user: SessionUser;
  /** "Begeleider" or "Deelnemer": shown beside one's own name in the presence list. */
  roleLabel: string;
  onAccessChanged: () => void;
}

export function ReflectionRoom({ session, user, roleLabel, onAccessChanged }: Props) {
  const canWrite = session.me.can.write;
  const me = useMemo<LocalUser>(() => ({ name: user.name, color: colorFor(user.id) }), [user.name, user.id]);
  const { room, connection, synced } = useCollabRoom(intervisionRoomName(session.id), me, canWrite, onAccessChanged);
  return (
    <section aria-labelledby="reflectie-kop" className="paneel iv-reflectie" data-synced={synced}>
      <div className="sectiekop">
        <h2 id="reflectie-kop">Reflectie</h2>
        <ConnectionStatus connection={connection} id="reflectie-verbinding" />
      </div>
      <p className="uitleg">Alle deelnemers schrijven live mee. Elke wijziging wordt direct opgeslagen.</p>
      {!canWrite && <p className="melding melding-info">De sessie is afgesloten: de notities zijn alleen nog te lezen.</p>}
      {room ? <RoomBody room={room} session={session} user={user} me={me} roleLabel={roleLabel} connection={connection} /> : <Loading what="Reflectie" />}
    </section>
  );
}

function RoomBody({ room, session, user, me, roleLabel, connection }: { room: Room; session: IntervisionSession; user: SessionUser; me: LocalUser; roleLabel: string; connection: Connection }) {
  const canWrite = session.me.can.write;
  const people = usePresence(room.provider, { userId: user.id, name: user.name, role: roleLabel, canWrite, color: me.color });
  const copied = PLAN_SECTIONS.filter((s) => session.copy.sections.some((c) => c.key === s.key && c.text));
  return (
    <>
      <PresenceList people={people} id="reflectie-aanwezig" connection={connection} />
      <div className="plandeel iv-notities">
        {REFLECTION_PARTS.map((r) => (
          <CollabEditor key={r.key} doc={room.doc} provider={room.provider} fragment={reflectionFragment(room.doc, r.key)} id={`reflectie-${r.key}`} label={r.label} hint={r.hint} editable={canWrite} me={me} />
        ))}
      </div>
      {copied.length > 0 && (
        <section aria-labelledby="werkkopie-kop" className="iv-werkkopie">
          <h3 id="werkkopie-kop">Werkkopie van het plan</h3>
          <p className="uitleg">De gepseudonimiseerde plantekst, om samen in te markeren en aan te vullen. De kopie hierboven blijft zoals hij gemaakt is.</p>
          {copied.map((s) => (
            <CollabEditor key={s.key} doc={room.doc} provider={room.provider} fragment={copyFragment(room.doc, s.key)} id={`werkkopie-${s.key}`} label={`Werkkopie: ${s.label}`} hint="Typ uw aantekeningen in de tekst." editable={canWrite} me={me} heading="h4" />
          ))}
        </section>
      )}
    </>
  );
}
