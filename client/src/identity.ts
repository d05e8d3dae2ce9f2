import { useSyncExternalStore } from 'react';
import { PresenceUserSchema, type PresenceUser } from '../../shared/awareness.js';

/**
 * Who this browser's person is, until accounts exist: asked once, kept in localStorage,
 * fed into presence. Accounts will replace this module and nothing else.
 */
const STORAGE_KEY = 'samskriv.identity';

/** Caret colours with at least 4.5:1 contrast against white label text. */
export const PRESENCE_COLORS = ['#0062ba', '#a6195c', '#1f6b3a', '#8a4b00', '#5b3fa8', '#b3261e', '#00656b', '#4a4a4a'];

const listeners = new Set<() => void>();
let cached: { raw: string | null; identity: PresenceUser | null } = { raw: null, identity: null };

function read(): PresenceUser | null {
  let raw: string | null = null;
  try {
    raw = localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
  if (raw === cached.raw) return cached.identity;
  let identity: PresenceUser | null = null;
  try {
    const parsed = PresenceUserSchema.safeParse(JSON.parse(raw ?? 'null'));
    identity = parsed.success ? parsed.data : null;
  } catch {
    identity = null;
  }
  cached = { raw, identity };
  return identity;
}

/** Saves who this person is; a colour is picked once and kept. */
export function saveIdentity(name: string, ministry: PresenceUser['ministry']): PresenceUser {
  const color = read()?.color ?? PRESENCE_COLORS[Math.floor(Math.random() * PRESENCE_COLORS.length)] ?? '#0062ba';
  const identity = PresenceUserSchema.parse({ name, ministry, color });
  localStorage.setItem(STORAGE_KEY, JSON.stringify(identity));
  for (const listener of listeners) listener();
  return identity;
}

/** Forgets the identity, so the prompt shows again. */
export function clearIdentity(): void {
  localStorage.removeItem(STORAGE_KEY);
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => event.key === STORAGE_KEY && listener();
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

/** The current identity, or null before the person has said who they are. */
export function useIdentity(): PresenceUser | null {
  return useSyncExternalStore(subscribe, read, () => null);
}
