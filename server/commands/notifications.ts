import { randomUUID } from 'node:crypto';
import type { SessionUser } from '../../shared/auth.js';
import type { MinistryCode } from '../../shared/ministries.js';
import { DEADLINE_REMINDER_HOURS, MAX_NOTIFICATIONS_PER_ACCOUNT, type MarkReadResponse, type NotificationPayload } from '../../shared/notifications.js';
import { DEFAULT_EMAIL_DELIVERY, type EmailDelivery } from '../../shared/notificationSettings.js';
import { toNotification } from '../notifications/views.js';
import type { MailOutcome, MailState, NewNotification, NotificationRecord, Store, UserRecord } from '../store/types.js';
import { quietly, userActor, type Command, type Outcome, type PersonalEvent } from './command.js';

/**
 * Notifications of accounts: storing those the notification jobs derive (after the commit of
 * what caused them, never inside it), reading them, the person's e-mail choice, and what the
 * mail jobs record. One aggregate, one file.
 */

type WithoutTitles<T> = T extends unknown ? Omit<T, 'roundTitle' | 'measureTitle'> : never;

/** A notification about a measure, before the command looks up the round's and measure's titles. */
export type DraftPayload = WithoutTitles<Exclude<NotificationPayload, { kind: 'deadline' }>>;

/**
 * Whom a notification goes to: accounts by username and every account of some ministries,
 * never `except` (whoever caused it) and never a disabled account.
 */
export interface NotificationDraft {
  to: { people: readonly string[]; ministries: readonly MinistryCode[] };
  except: string | null;
  payload: DraftPayload;
}

/** Whether a new notification of `account` waits to be e-mailed. */
async function mailStateOf(tx: Store, account: UserRecord, mailEnabled: boolean): Promise<MailState> {
  if (!mailEnabled || account.email === null) return 'skipped';
  const delivery = (await tx.getEmailDelivery(account.username)) ?? DEFAULT_EMAIL_DELIVERY;
  return delivery === 'off' ? 'skipped' : 'pending';
}

/** Stores notifications (each account keeping its newest) and says so on each person's stream. */
async function stored(tx: Store, records: NewNotification[]): Promise<Outcome<NotificationRecord[]>> {
  if (records.length === 0) return quietly([]);
  await tx.addNotifications(records, MAX_NOTIFICATIONS_PER_ACCOUNT);
  const personal: PersonalEvent[] = [];
  const unread = new Map<string, number>();
  for (const username of new Set(records.map((r) => r.username))) unread.set(username, await tx.countUnread(username));
  const result: NotificationRecord[] = records.map((r) => ({ ...r, readAt: null, mailAttempts: 0 }));
  for (const record of result) {
    personal.push({ username: record.username, event: { type: 'notification', notification: toNotification(record), unread: unread.get(record.username) ?? 0 } });
  }
  return { result, events: [], personal };
}

/**
 * Stores the notifications of one happening, drafts in order of precedence: a person reached
 * by one draft gets no other (mentioned by name, then through a ministry, then as a
 * participant). Drafts about a measure that no longer exists are dropped.
 */
export function notify(drafts: readonly NotificationDraft[], mailEnabled: boolean): Command<NotificationRecord[]> {
  return async (tx, { now }) => {
    const at = now().toISOString();
    const accounts = (await tx.listUsers()).filter((account) => !account.disabled);
    const reached = new Set<string>();
    const records: NewNotification[] = [];
    for (const draft of drafts) {
      const round = await tx.getRound(draft.payload.roundId);
      const measure = round && (await tx.getMeasure(round.id, draft.payload.measure));
      if (!round || !measure) continue;
      const payload: NotificationPayload = { ...draft.payload, roundTitle: round.title, measureTitle: measure.title };
      for (const account of accounts) {
        if (account.username === draft.except || reached.has(account.username)) continue;
        const named = draft.to.people.includes(account.username);
        if (!named && !(account.ministry !== null && draft.to.ministries.includes(account.ministry))) continue;
        reached.add(account.username);
        records.push({ id: randomUUID(), username: account.username, payload, createdAt: at, mail: await mailStateOf(tx, account, mailEnabled) });
      }
    }
    return stored(tx, records);
  };
}

/** The reminder due for a deadline at `at`: the nearest of `hours` crossed, and every one crossed. */
export function dueReminder(deadline: string, at: Date, hours: readonly number[] = DEADLINE_REMINDER_HOURS): { hoursBefore: number; crossed: number[] } | null {
  const left = Date.parse(deadline) - at.getTime();
  if (!(left > 0)) return null;
  const crossed = hours.filter((h) => left <= h * 60 * 60_000);
  return crossed.length === 0 ? null : { hoursBefore: Math.min(...crossed), crossed };
}

/**
 * Reminds, once per threshold, every account of a ministry that has not marked its part of some
 * measures ready, when an open round's deadline is DEADLINE_REMINDER_HOURS away or less. A
 * threshold passed without a reminder (the server was down) is not sent late once a nearer one
 * is due; a moved deadline is reminded of anew.
 */
export function remindDeadlines(at: Date, mailEnabled: boolean): Command<NotificationRecord[]> {
  return async (tx) => {
    const iso = at.toISOString();
    const accounts = (await tx.listUsers()).filter((account) => !account.disabled && account.ministry !== null);
    const records: NewNotification[] = [];
    for (const round of await tx.listRounds()) {
      const due = round.state === 'open' ? dueReminder(round.deadline, at) : null;
      if (!due || (await tx.hasDeadlineReminder(round.id, round.deadline, due.hoursBefore))) continue;
      for (const hours of due.crossed) await tx.recordDeadlineReminder(round.id, round.deadline, hours, iso);
      const missing = new Map<MinistryCode, number[]>();
      for (const measure of await tx.listMeasures(round.id)) {
        for (const code of measure.ministries) if (!measure.ready.includes(code)) missing.set(code, [...(missing.get(code) ?? []), measure.number]);
      }
      for (const account of accounts) {
        const measures = account.ministry === null ? undefined : missing.get(account.ministry);
        if (!measures || account.ministry === null) continue;
        const payload: NotificationPayload = {
          kind: 'deadline',
          roundId: round.id,
          roundTitle: round.title,
          deadline: round.deadline,
          hoursBefore: due.hoursBefore,
          ministry: account.ministry,
          measures,
        };
        records.push({ id: randomUUID(), username: account.username, payload, createdAt: iso, mail: await mailStateOf(tx, account, mailEnabled) });
      }
    }
    return stored(tx, records);
  };
}

/** `POST /api/notifications/read`: the person's own notifications, some (`ids`) or all (null). */
export function markNotificationsRead(user: SessionUser, ids: readonly string[] | null): Command<MarkReadResponse> {
  return async (tx, { now }) => {
    const read = await tx.markRead(user.username, ids, now().toISOString());
    const unread = await tx.countUnread(user.username);
    const personal: PersonalEvent[] = read.length > 0 ? [{ username: user.username, event: { type: 'read', ids: read, unread } }] : [];
    return { result: { read, unread }, events: [], personal };
  };
}

/** `PUT /api/me/notification-settings`: how the person wants notifications by e-mail. */
export function setEmailDelivery(user: SessionUser, delivery: EmailDelivery): Command<void> {
  return async (tx, { now }) => {
    const before = (await tx.getEmailDelivery(user.username)) ?? DEFAULT_EMAIL_DELIVERY;
    await tx.setEmailDelivery(user.username, delivery, now().toISOString());
    return {
      ...quietly(undefined),
      audit: [{ actor: userActor(user), kind: 'notification.settings', target: { roundId: null, measure: null, id: user.username }, before: { email: before }, after: { email: delivery } }],
    };
  };
}

/** What became of e-mailing some pending notifications (see NotificationStore.recordMail). */
export function recordMailOutcome(ids: readonly string[], outcome: MailOutcome, maxAttempts: number): Command<void> {
  return async (tx) => {
    if (ids.length > 0) await tx.recordMail(ids, outcome, maxAttempts);
    return quietly(undefined);
  };
}

/** Claims the daily digest of an Oslo date: true for the one run that may send it. */
export function claimDigest(osloDate: string, at: Date): Command<boolean> {
  return async (tx) => quietly(await tx.recordDigest(osloDate, at.toISOString()));
}
