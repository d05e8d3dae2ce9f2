import { WebSocket as WS } from 'ws';
import * as authProtocol from 'y-protocols/auth';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { LIMIT_REFUSAL_PREFIX } from '../../shared/auth.js';
import { NARRATIVE_FIELD } from '../../shared/documentLayout.js';
import { narrativeText } from '../../shared/narrative.js';
import type { Target } from './session.js';
import { waitFor } from './waitFor.js';

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** The narrative as plain text. */
  text(): string;
  destroy(): void;
}

/** The ws WebSocket class, sending the session cookie (and an Origin, if given) on the upgrade. */
function socketClass(cookie: string, origin?: string): typeof WebSocket {
  const headers: Record<string, string> = {};
  if (cookie) headers.cookie = cookie;
  if (origin) headers.origin = origin;
  return class extends WS {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  } as unknown as typeof WebSocket;
}

/**
 * The stock y-websocket client in Node, on its own connection to the server (BroadcastChannel
 * off, so two clients in one process can only meet through the server), signed in as the
 * target's session.
 */
export function connectClient(target: Target, docName: string, { connect = true } = {}): TestClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(target.url.replace(/^http/, 'ws') + '/sync', docName, doc, {
    WebSocketPolyfill: socketClass(target.cookie),
    disableBc: true,
    connect,
  });
  return {
    doc,
    provider,
    text: () => narrativeText(doc.getXmlFragment(NARRATIVE_FIELD)),
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Waits until the provider has finished its first sync with the server. */
export async function synced(client: TestClient): Promise<void> {
  await waitFor(() => client.provider.synced, { what: 'provider sync' });
}

/** Appends a paragraph of plain text to the narrative, as Tiptap would. */
export function typeParagraph(client: TestClient, text: string): void {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  const fragment = client.doc.getXmlFragment(NARRATIVE_FIELD);
  fragment.insert(fragment.length, [paragraph]);
}

/**
 * A raw websocket to the sync endpoint, for frames no well-behaved client sends. Rejects with
 * the HTTP status when the upgrade is refused ("Unexpected server response: 401").
 */
export async function openRawSocket(
  target: Target,
  docName: string,
  { origin, onFrame }: { origin?: string; onFrame?: (frame: Uint8Array) => void } = {},
): Promise<WS> {
  const Socket = socketClass(target.cookie, origin) as unknown as typeof WS;
  const socket = new Socket(`${target.url.replace(/^http/, 'ws')}/sync/${docName}`);
  // Frames that arrive with the handshake are emitted right after 'open', before an awaiting
  // caller could listen: whoever needs the first frames listens from the start.
  if (onFrame) socket.on('message', (data: Buffer) => onFrame(new Uint8Array(data)));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return socket;
}

/** Resolves with the close code once the socket is closed. */
export function closeCode(socket: WS): Promise<number> {
  if (socket.readyState === WS.CLOSED) return Promise.resolve(-1);
  return new Promise((resolve) => socket.once('close', (code) => resolve(code)));
}

/** A raw socket that keeps every frame it receives. */
export async function recordingSocket(target: Target, docName: string): Promise<{ socket: WS; frames: Uint8Array[] }> {
  const frames: Uint8Array[] = [];
  const socket = await openRawSocket(target, docName, { onFrame: (frame) => frames.push(frame) });
  return { socket, frames };
}

/** The server's stored document, as a fresh stock client receives it (a round trip: every update sent before is stored by then). */
export async function fetchDoc(target: Target, docName: string): Promise<Y.Doc> {
  const client = connectClient(target, docName);
  await synced(client);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(client.doc));
  client.destroy();
  return doc;
}

/** y-protocols' message type for auth messages (y-websocket's `messageAuth`). */
const MESSAGE_AUTH = 2;

/** The stock client on `docName`, keeping the reasons of the "permission denied" messages it gets. */
export function refusalRecordingClient(target: Target, docName: string): { client: TestClient; reasons: string[] } {
  const client = connectClient(target, docName);
  const reasons: string[] = [];
  client.provider.messageHandlers[MESSAGE_AUTH] = (_encoder, decoder) =>
    authProtocol.readAuthMessage(decoder, client.doc, (_doc, reason) => reasons.push(reason));
  return { client, reasons };
}

/** The refusals among `reasons` for going past a limit (not for writing read-only). */
export const limitRefusals = (reasons: readonly string[]): string[] => reasons.filter((reason) => reason.startsWith(LIMIT_REFUSAL_PREFIX));
