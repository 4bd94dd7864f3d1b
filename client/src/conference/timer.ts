// The shared timer on the client: the server sends its event times and its own `now`; the
// client measures how far its clock is off and counts with the server's time, so everyone at
// the table sees the same remaining time whatever their own clock says.
import { useEffect, useState } from 'react';
import { api } from '../api';
import type { Conference, TimerItemState } from '../../../shared/schemas';

export interface Timed<T> {
  data: T;
  /** Server clock minus client clock, in ms, measured at the middle of the request. */
  offsetMs: number;
}

/** A request whose answer carries `serverNow`, with the clock offset measured. */
export async function timedApi<T extends { serverNow: string }>(method: string, path: string, body?: unknown): Promise<Timed<T>> {
  const sent = Date.now();
  const data = await api<T>(method, path, body);
  const received = Date.now();
  const offsetMs = Date.parse(data.serverNow) - (sent + received) / 2;
  return { data, offsetMs: Number.isFinite(offsetMs) ? offsetMs : 0 };
}

/** Re-renders every `ms` while `active`; returns the client's clock. */
export function useTick(active: boolean, ms = 500): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [active, ms]);
  return now;
}

/** Time run on an item at server time `serverNow`. */
export function elapsedMs(item: TimerItemState | undefined, serverNow: number): number {
  if (!item) return 0;
  return item.elapsedMs + (item.runningSince ? Math.max(0, serverNow - Date.parse(item.runningSince)) : 0);
}

export function remainingMs(item: TimerItemState | undefined, plannedMinutes: number, serverNow: number): number {
  return (item?.minutes ?? plannedMinutes) * 60_000 - elapsedMs(item, serverNow);
}

/** "04:59", or "+01:10" over time. Rounded up while counting down, so 0:00 means time is up. */
export function clock(ms: number): string {
  const over = ms < 0;
  const s = over ? Math.floor(-ms / 1000) : Math.ceil(ms / 1000);
  const mm = String(Math.floor(s / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return `${over ? '+' : ''}${mm}:${ss}`;
}

/** The same in words, for screen readers. */
export function clockInWords(ms: number): string {
  const over = ms < 0;
  const s = over ? Math.floor(-ms / 1000) : Math.ceil(ms / 1000);
  const m = Math.floor(s / 60);
  const parts = [m > 0 ? `${m} ${m === 1 ? 'minuut' : 'minuten'}` : '', `${s % 60} seconden`].filter(Boolean).join(' en ');
  return over ? `${parts} over de tijd` : `nog ${parts}`;
}

export const itemState = (c: Conference, itemId: string) => c.timer.items.find((i) => i.itemId === itemId);
