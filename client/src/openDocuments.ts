/**
 * The narratives open in this page, as far as signing in and out cares. The editor chunk
 * (Yjs, y-websocket, y-indexeddb) registers each one here, so that the session can pause,
 * resume and close them without the overview loading that chunk.
 */
export interface OpenDocument {
  readonly docName: string;
  /** Whose copy this is: the account it syncs for and whose IndexedDB it lives in. */
  readonly username: string;
  /** Holds edits the server has not confirmed. */
  hasUnconfirmedEdits(): boolean;
  /** Stops syncing (the session ended); the copy and its edits stay. */
  pause(): void;
  /** Syncs again (the same person signed in again, or got new rights). */
  resume(): void;
  /** Closes the copy now: connection, IndexedDB handle, Y.Doc. */
  close(): Promise<void>;
}

const documents = new Set<OpenDocument>();

/** Adds a document; returns the function that removes it. */
export function registerDocument(document: OpenDocument): () => void {
  documents.add(document);
  return () => documents.delete(document);
}

export function openDocuments(): OpenDocument[] {
  return [...documents];
}

/** Whether any open narrative holds edits the server has not confirmed. */
export function hasUnconfirmedEdits(): boolean {
  return openDocuments().some((document) => document.hasUnconfirmedEdits());
}

export function pauseDocuments(): void {
  for (const document of documents) document.pause();
}

export function resumeDocuments(): void {
  for (const document of documents) document.resume();
}

/** Closes every open narrative; resolves with the names of those closed. */
export async function closeDocuments(): Promise<string[]> {
  const closing = openDocuments();
  await Promise.all(closing.map((document) => document.close()));
  return closing.map((document) => document.docName);
}
