// "Volg de voorzitter": which vraagstuk each person has open travels in their presence state
// (`focus`), and the server stamps who may chair the table (`user.chairs`, from the case gate,
// never from the client). The step within a vraagstuk is already shared in the plan's Y.Doc,
// so following the chair to the vraagstuk brings you to the chair's step too.
import { useEffect, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';

export interface ChairFocus {
  name: string;
  vraagstukId: string;
}

export function useChairFocus(provider: WebsocketProvider, openId: string | null): ChairFocus | null {
  const [focus, setFocus] = useState<ChairFocus | null>(null);

  useEffect(() => {
    provider.awareness.setLocalStateField('focus', openId ? { vraagstukId: openId } : null);
  }, [provider, openId]);

  useEffect(() => {
    const awareness = provider.awareness;
    const update = () => {
      let found: ChairFocus | null = null;
      awareness.getStates().forEach((state, clientId) => {
        if (found || clientId === awareness.clientID) return;
        const { user, focus: f } = state as { user?: { chairs?: unknown; name?: unknown }; focus?: { vraagstukId?: unknown } | null };
        if (user?.chairs === true && typeof user.name === 'string' && typeof f?.vraagstukId === 'string') found = { name: user.name, vraagstukId: f.vraagstukId };
      });
      setFocus((prev) => (prev?.name === found?.name && prev?.vraagstukId === found?.vraagstukId ? prev : found));
    };
    update();
    awareness.on('change', update);
    return () => awareness.off('change', update);
  }, [provider]);

  return focus;
}
