// A running conference, live: the agenda and the minutes are co-edited in the conference's own
// room; the timer, attendance and decisions are server records that everyone refetches when the
// change feed says the conference changed. The server sends its clock with every answer, so the timer
// counts the same for everyone.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { post } from '../api';
import { ErrorMessage, Loading } from '../components/Feedback';
import { CollabEditor } from '../collab/CollabEditor';
import { colorFor } from '../collab/colors';
import { ConnectionStatus, PresenceList, usePresence } from '../collab/Presence';
import { type LocalUser, type Room, useCollabRoom } from '../collab/useCollabRoom';
import { useDocValue } from '../collab/useDocValue';
import { useFeed } from '../live/useFeed';
import { minutesFragment, readAgenda } from '../../../shared/plan/conference';
import { conferenceRoomName } from '../../../shared/plan/rooms';
import { CASE_ROLE_LABELS } from '../../../shared/roles';
import type { CaseDetail, CloseConferenceResponse, Conference, SessionUser } from '../../../shared/schemas';
import type { Act } from './act';
import { AgendaPanel } from './AgendaPanel';
import { AttendancePanel } from './AttendancePanel';
import { ClosePanel } from './ClosePanel';
import { DecisionsPanel } from './DecisionsPanel';
import { type Timed, timedApi } from './timer';
import { TimerPanel } from './TimerPanel';

/** Things conferences need to look at again now and then: decisions made elsewhere in the case. */
const REFRESH_MS = 20_000;
const time = new Intl.DateTimeFormat('nl-NL', { timeStyle: 'short' });

interface Props {
  detail: CaseDetail;
  user: SessionUser;
  conferenceId: string;
  onClosed: (result: CloseConferenceResponse) => void;
  /** The room was refused (the conference closed, or rights changed): re-read the list. */
  onEnded: () => void;
}

export function LiveConference({ detail, user, conferenceId, onClosed, onEnded }: Props) {
  const path = `/api/cases/${encodeURIComponent(detail.id)}/conferences/${encodeURIComponent(conferenceId)}`;
  const [state, setState] = useState<Timed<Conference> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    timedApi<Conference>('GET', path).then((s) => {
      setError(null);
      setState(s);
    }, setError);
  }, [path]);
  useEffect(() => {
    load();
    const t = setInterval(load, REFRESH_MS);
    return () => clearInterval(t);
  }, [load]);
  const me = useMemo<LocalUser>(() => ({ name: user.name, color: colorFor(user.id) }), [user.name, user.id]);
  const canEdit = detail.me.can['plan.edit'];
  const { room, connection, synced } = useCollabRoom(conferenceRoomName(detail.id, conferenceId), me, canEdit, () => {
    onEnded();
    load();
  });
  const ended = state?.data.status === 'gesloten';
  useEffect(() => {
    if (ended) onEnded();
  }, [ended, onEnded]);

  const act: Act = useCallback(
    async (method, sub, body) => {
      setState(await timedApi<Conference>(method, `${path}${sub}`, body));
    },
    [path],
  );

  const close = useCallback(
    async (note: string) => {
      onClosed(await post<CloseConferenceResponse>(`${path}/close`, note ? { note } : {}));
    },
    [path, onClosed],
  );

  return (
    <div className="overleg-lopend" data-synced={synced}>
      <div className="overleg-balk">
        <p className="overleg-gestart">
          {state ? (
            <>
              Gestart om {time.format(new Date(state.data.startedAt))}, voorzitter <strong>{state.data.chair.name}</strong>
            </>
          ) : (
            'Overleg laden…'
          )}
        </p>
        <ConnectionStatus connection={connection} id="overleg-verbinding" />
      </div>
      <ErrorMessage error={error} />
      {!canEdit && <p className="melding melding-info">U volgt het overleg; de agenda en de notulen kunt u lezen maar niet wijzigen.</p>}
      {room && state ? <Body room={room} state={state} detail={detail} user={user} me={me} canEdit={canEdit} connection={connection} act={act} close={close} reload={load} /> : <Loading what="Casusoverleg" />}
    </div>
  );
}

interface BodyProps {
  room: Room;
  state: Timed<Conference>;
  detail: CaseDetail;
  user: SessionUser;
  me: LocalUser;
  canEdit: boolean;
  connection: Parameters<typeof PresenceList>[0]['connection'];
  act: Act;
  close: (note: string) => Promise<void>;
  reload: () => void;
}

function Body({ room, state, detail, user, me, canEdit, connection, act, close, reload }: BodyProps) {
  // Attendance, timer and decisions, and deviations and vraagstukken decided during the meeting
  // (internal ones reach staff only: the feed decides who hears what).
  useFeed(detail.id, ['conference', 'deviations', 'vraagstukken'], reload);
  const agenda = useDocValue(room.doc, readAgenda);
  const people = usePresence(room.provider, { userId: user.id, name: user.name, role: CASE_ROLE_LABELS[detail.me.caseRole], canWrite: canEdit, color: me.color });
  const c = state.data;
  const write = canEdit && c.can.write;
  return (
    <>
      <div className="overleg-raster">
        <div className="overleg-hoofd">
          <TimerPanel state={state} agenda={agenda} act={act} />
          <AgendaPanel doc={room.doc} state={state} agenda={agenda} editable={write} act={act} />
        </div>
        <div className="overleg-zij">
          <PresenceList people={people} id="overleg-in-de-kamer" connection={connection} />
          <AttendancePanel conference={c} act={act} />
        </div>
      </div>
      <div className="overleg-notulen">
        <CollabEditor
          doc={room.doc}
          provider={room.provider}
          fragment={minutesFragment(room.doc)}
          id="overleg-notulen"
          label="Notulen"
          hint="Live samen te schrijven. Iedereen in het overleg leest mee, ook het huishouden en externe partners: interne zaken horen in de interne notities. Bij het afsluiten wordt deze tekst vastgelegd bij de casus."
          editable={write}
          me={me}
        />
      </div>
      <DecisionsPanel conference={c} act={act} />
      {c.can.run && <ClosePanel conference={c} close={close} />}
    </>
  );
}
