/** Largest websocket message the sync server accepts; a bigger one closes that connection. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

/** Largest JSON body the HTTP API accepts. */
export const MAX_JSON_BODY_BYTES = 64 * 1024;

/** Stored updates of one document beyond which the log is merged into one state. */
export const COMPACTION_THRESHOLD_UPDATES = 200;

/** How long a document with no connections stays loaded before it is unloaded. */
export const UNLOAD_DELAY_MS = 5_000;

/** Longest measure title and plan text the schema accepts. */
export const MAX_TITLE_CHARS = 500;
export const MAX_PLAN_TEXT_CHARS = 20_000;
