// What every step of a vraagstuk receives, and the live text most steps start with. Its own
// module so that Stepper and its steps do not import each other.
import type { ToetsText } from '../../../shared/vraagstukken';
import { textFragment } from '../../../shared/plan/vraagstukken';
import type { CaseDetail, Catalogue, Vraagstuk } from '../../../shared/schemas';
import { CollabEditor } from '../collab/CollabEditor';
import type { LocalUser, Room } from '../collab/useCollabRoom';

export interface StepProps {
  vraagstuk: Vraagstuk;
  detail: CaseDetail;
  room: Room;
  me: LocalUser;
  catalogue: Catalogue | undefined;
  /** Someone may write in the drafts: edit rights, open case, vraagstuk not concluded. */
  editable: boolean;
  onChange: (v: Vraagstuk, message?: string) => void;
  reload: () => void;
}

export function StepText({ vraagstuk, room, me, editable, text, label }: StepProps & { text: ToetsText; label: string }) {
  const fragment = textFragment(room.doc, vraagstuk.id, text);
  if (!fragment) return null;
  return <CollabEditor doc={room.doc} provider={room.provider} fragment={fragment} id={`vs-${vraagstuk.id}-${text}`} label={label} hint="Live samen te bewerken." editable={editable} me={me} heading="h5" />;
}
