// The room kinds on the collaboration socket, each with the access rule its feature owns.
// A new room kind: add it to shared/plan/rooms.ts and its access function here.
import type { RoomAccessRegistry } from './collab/room-access';
import { conferenceRoomAccess } from './conference/room-access';
import { intervisionRoomAccess } from './intervision/room-access';
import { planRoomAccess } from './plan/room-access';

export const ROOM_KINDS: RoomAccessRegistry = {
  plan: planRoomAccess,
  intern: planRoomAccess,
  overleg: conferenceRoomAccess,
  intervisie: intervisionRoomAccess,
};
