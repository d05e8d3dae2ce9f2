import {
  AuthorshipSchema,
  MeasureHistorySchema,
  RestoreResultSchema,
  VersionDetailSchema,
  type Authorship,
  type MeasureHistory,
  type NarrativeVersion,
  type RestoreResult,
  type VersionDetail,
} from '../../shared/history.js';
import type { TestClient } from './clients.js';
import { api, type Target } from './session.js';

const measurePath = (roundId: string, number: number): string => `/api/rounds/${roundId}/measures/${number}`;

async function read<T>(response: Response, parse: (body: unknown) => T, what: string): Promise<T> {
  if (!response.ok) throw new Error(`${what}: HTTP ${response.status} ${await response.text()}`);
  return parse(await response.json());
}

/** `GET …/history`, validated against the shared schema. */
export async function historyOf(target: Target, roundId: string, number: number): Promise<MeasureHistory> {
  return read(await api(target, `${measurePath(roundId, number)}/history`), (body) => MeasureHistorySchema.parse(body), 'history');
}

/** The narrative versions of a measure's history, newest first. */
export async function versionsOf(target: Target, roundId: string, number: number): Promise<NarrativeVersion[]> {
  return (await historyOf(target, roundId, number)).filter((entry): entry is NarrativeVersion => 'open' in entry);
}

/** `GET …/history/:versionId`, validated. */
export async function versionDetail(target: Target, roundId: string, number: number, id: string): Promise<VersionDetail> {
  return read(await api(target, `${measurePath(roundId, number)}/history/${id}`), (body) => VersionDetailSchema.parse(body), 'version');
}

/** `POST …/history/:versionId/restore` (bodyless), as the response came. */
export function postRestore(target: Target, roundId: string, number: number, id: string): Promise<Response> {
  return api(target, `${measurePath(roundId, number)}/history/${id}/restore`, { method: 'POST' });
}

/** A restore that must succeed, its answer validated. */
export async function restore(target: Target, roundId: string, number: number, id: string): Promise<RestoreResult> {
  return read(await postRestore(target, roundId, number, id), (body) => RestoreResultSchema.parse(body), 'restore');
}

/** `GET …/authors`, validated. */
export async function authorsOf(target: Target, roundId: string, number: number): Promise<Authorship> {
  return read(await api(target, `${measurePath(roundId, number)}/authors`), (body) => AuthorshipSchema.parse(body), 'authors');
}

/**
 * Holds back what a stock client sends (its socket stays open and keeps receiving) until
 * `release()`: an edit typed now reaches the server only then, as one typed at the very moment
 * something else happened on the server.
 */
export function holdOutgoing(client: TestClient): { release(): void } {
  const socket = client.provider.ws;
  if (!socket) throw new Error('the client is not connected');
  const send = socket.send.bind(socket);
  const held: Parameters<WebSocket['send']>[0][] = [];
  socket.send = (data) => held.push(data);
  return {
    release() {
      socket.send = send;
      for (const data of held.splice(0)) send(data);
    },
  };
}
