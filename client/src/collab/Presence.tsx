// Who is in the room right now, from the awareness states the server stamped with each
// person's real name and role. One entry per person, however many tabs they have open.
import { useEffect, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import { isHexColor, paletteIndex } from './colors';
import type { Connection } from './useCollabRoom';

export interface Present {
  userId: string;
  name: string;
  role: string;
  canWrite: boolean;
  color: string;
  self: boolean;
}

interface Me {
  userId: string;
  name: string;
  role: string;
  canWrite: boolean;
  color: string;
}

export function usePresence(provider: WebsocketProvider, me: Me): Present[] {
  const [people, setPeople] = useState<Present[]>([]);
  const { userId, name, role, canWrite, color } = me;
  useEffect(() => {
    const awareness = provider.awareness;
    const update = () => {
      const byUser = new Map<string, Present>();
      byUser.set(userId, { userId, name, role, canWrite, color, self: true });
      awareness.getStates().forEach((state, clientId) => {
        if (clientId === awareness.clientID) return;
        const u = (state as { user?: Record<string, unknown> }).user;
        if (!u || typeof u.userId !== 'string' || byUser.has(u.userId)) return;
        byUser.set(u.userId, {
          userId: u.userId,
          name: typeof u.name === 'string' ? u.name : 'Onbekend',
          role: typeof u.role === 'string' ? u.role : '',
          canWrite: u.canWrite === true,
          color: isHexColor(u.color) ? u.color : '#4a4a4a',
          self: false,
        });
      });
      setPeople([...byUser.values()].sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name, 'nl')));
    };
    update();
    awareness.on('change', update);
    return () => awareness.off('change', update);
  }, [provider, userId, name, role, canWrite, color]);
  return people;
}

export function PresenceList({ people, id, connection }: { people: Present[]; id: string; connection: Connection }) {
  const others = people.filter((p) => !p.self).length;
  return (
    <div className="aanwezig" id={id}>
      <p className="aanwezig-kop" id={`${id}-kop`}>
        Nu aanwezig{connection === 'verbonden' ? ` (${people.length})` : ''}
      </p>
      <ul aria-labelledby={`${id}-kop`}>
        {people.map((p) => (
          <li key={p.userId}>
            <span className={`aanwezig-stip kleur-${paletteIndex(p.color)}`} aria-hidden="true" />
            <span className="aanwezig-naam">
              {p.name}
              {p.self && ' (u)'}
            </span>
            {p.role && <span className="aanwezig-rol">{p.role}</span>}
            {!p.canWrite && <span className="aanwezig-lezen">alleen lezen</span>}
          </li>
        ))}
      </ul>
      {connection === 'verbonden' && others === 0 && <p className="klein">Er is verder niemand in deze ruimte.</p>}
    </div>
  );
}

const CONNECTION_TEXT: Record<Connection, { label: string; detail: string }> = {
  verbinden: { label: 'Verbinden…', detail: 'De verbinding met de server wordt gemaakt.' },
  verbonden: { label: 'Verbonden', detail: 'Wijzigingen worden direct gedeeld en opgeslagen.' },
  opnieuw: { label: 'Opnieuw verbinden…', detail: 'De verbinding is weggevallen. Uw wijzigingen worden verstuurd zodra die terug is.' },
  offline: { label: 'Offline', detail: 'U kunt doorwerken. Wijzigingen worden verstuurd zodra u weer online bent; sluit dit venster tot dan niet.' },
  onderbroken: {
    label: 'Verbinding onderbroken',
    detail: 'De server heeft de verbinding tijdelijk verbroken omdat er te veel tegelijk binnenkwam. Over enkele ogenblikken wordt opnieuw verbonden; uw wijzigingen worden dan verstuurd.',
  },
  geweigerd: { label: 'Geen toegang', detail: 'De server heeft de verbinding geweigerd. Laad de pagina opnieuw.' },
};

/** Connection state in words (not only colour), announced politely when it changes. */
export function ConnectionStatus({ connection, id }: { connection: Connection; id: string }) {
  const t = CONNECTION_TEXT[connection];
  return (
    <p className={`verbinding verbinding-${connection}`} id={id} role="status">
      <span className="verbinding-stip" aria-hidden="true" />
      <strong>{t.label}</strong>
      <span className="verbinding-uitleg">{t.detail}</span>
    </p>
  );
}
