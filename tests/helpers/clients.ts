import { WebSocket as WS } from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { NARRATIVE_FIELD } from '../../shared/documentLayout.js';
import { narrativeText } from '../../shared/narrative.js';
import { waitFor } from './waitFor.js';

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** The narrative as plain text. */
  text(): string;
  destroy(): void;
}

/**
 * The stock y-websocket client in Node, on its own connection to the server (BroadcastChannel
 * off, so two clients in one process can only meet through the server).
 */
export function connectClient(serverUrl: string, docName: string, { connect = true } = {}): TestClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(serverUrl.replace(/^http/, 'ws') + '/sync', docName, doc, {
    WebSocketPolyfill: WS as unknown as typeof WebSocket,
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

/** A raw websocket to the sync endpoint, for frames no well-behaved client sends. */
export async function openRawSocket(serverUrl: string, docName: string): Promise<WS> {
  const socket = new WS(`${serverUrl.replace(/^http/, 'ws')}/sync/${docName}`);
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
