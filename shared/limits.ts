/** Largest websocket message the sync server accepts; a bigger one closes that connection. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

/** Largest JSON body the HTTP API accepts. */
export const MAX_JSON_BODY_BYTES = 64 * 1024;

/** Stored updates of one document beyond which the log is merged into one state (its current state; the history keeps them). */
export const COMPACTION_THRESHOLD_UPDATES = 200;

/**
 * Most updates the history stores between two checkpoints (a checkpoint is written sooner when
 * the updates since the last one weigh as much as the state): reading any moment of a narrative's
 * history back replays at most this many plus COMPACTION_THRESHOLD_UPDATES.
 */
export const HISTORY_CHECKPOINT_MAX_UPDATES = 1_000;

/** How long a document with no connections stays loaded before it is unloaded. */
export const UNLOAD_DELAY_MS = 5_000;

/** Longest measure title and plan text the schema accepts. */
export const MAX_TITLE_CHARS = 500;
export const MAX_PLAN_TEXT_CHARS = 20_000;

/**
 * Deepest nesting of Yjs types in one document (a root's child is at depth 1). The editor's
 * deepest real content is a paragraph's text in lists inside lists: each list level is two
 * types (list, item), then paragraph and text; 40 leaves room for 18 lists in lists inside a
 * quote, twice what Word shows. Deeper structures only come from a client that is not the
 * editor, and every reader would have to walk them.
 */
export const MAX_NARRATIVE_DEPTH = 40;

/** Most Yjs types (elements and texts) alive in one document: a paragraph is two. */
export const MAX_NARRATIVE_NODES = 20_000;

/** Largest encoded state of one document; every client that opens it downloads this much. */
export const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;

/** Highest number an ordered list may start at (Word's `w:start` stays a small integer). */
export const MAX_LIST_START = 32_767;

/**
 * Largest table in a narrative: columns (of the grid, counting spans) and rows. Status reports
 * carry small tables of figures; a page of A4 fits about ten readable columns. The editor adds no
 * row or column past these and refuses a paste that would make a bigger table; the server refuses
 * an update that gives a table more rows, or a row more cells (server/sync/updateGuard.ts); and
 * every reader (shared/narrativeBlocks.ts) reads a table stored any bigger within them anyway:
 * cells past the last column join the row's last cell, rows past the last continue as a table of
 * their own, so no text is lost and no export lays out a grid wider than this.
 */
export const MAX_TABLE_COLUMNS = 20;
export const MAX_TABLE_ROWS = 500;

/** Widest a column may be said to be (`colwidth`, CSS pixels); wider is read as no width. */
export const MAX_TABLE_COLUMN_WIDTH = 2_000;

/**
 * Widest column width (`colwidth`, CSS pixels) an edit may store: a width pasted from a wide page
 * is still taken (the readers read one past MAX_TABLE_COLUMN_WIDTH as no width), a number no
 * page has is not (shared/narrativeSchema.ts).
 */
export const MAX_STORED_COLUMN_WIDTH = 10_000;

/** Longest link target (`href`) a link in a narrative may have: an address people link to is far shorter. */
export const MAX_LINK_HREF_CHARS = 2_048;

/**
 * Most combining marks (Unicode category M: accents, vowel signs, viramas) in a row a narrative
 * may hold. Real text needs a few at most on one letter (Vietnamese two, Indic and Tibetan
 * syllables a handful; Unicode's own stream-safe text format stops at 30 non-starters); a
 * long run is only ever an attack: 300,000 of them on one letter hung every browser tab that
 * laid the text out for 31 s (shared/narrativeSchema.ts, server/sync/updateGuard.ts).
 */
export const MAX_COMBINING_RUN = 16;

/**
 * Presence (awareness) client ids one connection may own: its own, and one more after a
 * reload or a second tab sharing the socket's session; a few spare.
 */
export const MAX_AWARENESS_CLIENTS_PER_CONNECTION = 4;

/** Largest presence state (its JSON) one client may publish. */
export const MAX_AWARENESS_STATE_BYTES = 4 * 1024;

/** How often the sync server pings each socket; one that misses two pings in a row is closed. */
export const HEARTBEAT_INTERVAL_MS = 30_000;

/**
 * Most comments one thread may hold; a reply beyond is refused (409), and the reply box says so.
 * A thread is an exchange about one passage or measure; 200 comments is far more than anyone
 * would read through in one card (a new thread goes on). Every change to a thread sends the
 * whole thread to every open stream of its round, so this is what bounds that event (see
 * server/routes/events.ts).
 */
export const MAX_COMMENTS_PER_THREAD = 200;

/**
 * Most threads on one measure of a round, and most characters all their comments hold together;
 * a thread, reply or longer edit beyond is refused (409). A measure's thread list carries every
 * comment, and every reader of the measure page loads it: without a bound, 25 threads of 200
 * comments of 10,000 characters made one list 50 MB. 2,000,000 characters is some 4,000 comments
 * of a paragraph each, far past any round's discussion of one measure.
 */
export const MAX_THREADS_PER_MEASURE = 1_000;
export const MAX_COMMENT_CHARS_PER_MEASURE = 2_000_000;

/**
 * Most characters all comments of one round hold together: its thread list (the overview's
 * questions waiting for a ministry) carries them all. Filled to the per-measure bound, 35
 * measures made that list 141 MB and held the server a second per request.
 */
export const MAX_COMMENT_CHARS_PER_ROUND = 5_000_000;

/**
 * Most Yjs client ids one narrative holds, and most one account may introduce into it (ids
 * carried over from an earlier round's document do not count for the account). Every browser
 * session that writes brings one; Yjs reads the whole list at every transaction, so 110,000 ids
 * one editor brought (a new id for every letter) made each keystroke in that measure cost the
 * server about 55 ms and loading it a second. An update that would bring more is refused like
 * any other limit. 500 is far more sessions than one person writes one measure in, in a round.
 */
export const MAX_CLIENT_IDS_PER_DOCUMENT = 10_000;
export const MAX_CLIENT_IDS_PER_ACCOUNT = 500;
