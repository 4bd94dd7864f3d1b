// What the live conference's panels call to change it: one chair's or writer's action whose
// answer is the conference's new state. Its own module so that the panels and LiveConference,
// which hands it to them, do not import each other.
export type Act = (method: 'POST' | 'PUT', sub: string, body: unknown) => Promise<void>;
