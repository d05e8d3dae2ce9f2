import type { PresenceUser } from '../../shared/awareness.js';
import type { SessionUser } from '../../shared/auth.js';

/** Caret colours with at least 4.5:1 contrast against white label text. */
export const PRESENCE_COLORS = ['#0062ba', '#a6195c', '#1f6b3a', '#8a4b00', '#5b3fa8', '#b3261e', '#00656b', '#4a4a4a'];

/** This browser's caret colour, picked once and kept; the name and ministry come from the session. */
const COLOR_KEY = 'samskriv.color';
const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

let picked: string | null = null;

function browserColor(): string {
  if (picked) return picked;
  try {
    const kept = localStorage.getItem(COLOR_KEY);
    if (kept && HEX_COLOR.test(kept)) return (picked = kept);
  } catch {
    // Storage blocked: a colour for this page only.
  }
  picked = PRESENCE_COLORS[Math.floor(Math.random() * PRESENCE_COLORS.length)] ?? '#0062ba';
  try {
    localStorage.setItem(COLOR_KEY, picked);
  } catch {
    // As above.
  }
  return picked;
}

/** Who the signed-in person is on carets and in the presence list. */
export function presenceOf(user: SessionUser): PresenceUser {
  return { name: user.name, ministry: user.ministry, username: user.username, color: browserColor() };
}
