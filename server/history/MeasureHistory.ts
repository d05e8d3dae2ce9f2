import { z } from 'zod';
import type { AuditEntry } from '../../shared/audit.js';
import { diffWords, type DiffPart } from '../../shared/diff.js';
import { measureDocName } from '../../shared/documentLayout.js';
import {
  VERSION_MAX_UPDATES,
  VERSION_SPAN_MS,
  type Authorship,
  type HistoryAuthor,
  type HistoryEntry,
  type HistoryMark,
  type NarrativeVersion,
  type VersionDetail,
} from '../../shared/history.js';
import { MinistryCodeSchema } from '../../shared/ministries.js';
import { narrativeFragment, narrativeText } from '../../shared/narrative.js';
import { pmToPlainText } from '../../shared/narrativeBlocks.js';
import { StatusSchema } from '../../shared/status.js';
import type { NarrativeReader } from '../commands/command.js';
import type { Store, VersionRecord } from '../store/types.js';
import { computeVersionStats, narrativeAt, staleVersions } from './readHistory.js';

/** The API's id of a version of the narrative. */
export function versionKey(id: number): string {
  return `v${id}`;
}

const StatusChangeSchema = z.object({ before: z.object({ status: StatusSchema }), after: z.object({ status: StatusSchema }) });
const ReadyChangeSchema = z.object({ after: z.object({ ministry: MinistryCodeSchema, ready: z.boolean() }) });

/** Looks up each author once per answer: the history shows their name and ministry as they are now. */
class Authors {
  private readonly known = new Map<string, Promise<HistoryAuthor>>();

  constructor(private readonly store: Store) {}

  of(username: string | null): Promise<HistoryAuthor | null> {
    if (username === null) return Promise.resolve(null);
    let author = this.known.get(username);
    if (!author) {
      author = this.store.getUser(username).then((user) => ({ username, name: user?.name ?? username, ministry: user?.ministry ?? null }));
      this.known.set(username, author);
    }
    return author;
  }
}

/**
 * Closed versions wait for their word counts until their document has had no update stored and
 * nobody opening it for this long: replaying its history is work that would otherwise compete
 * with the people writing in it and those opening it (at a meeting, everyone at once) for the
 * one thread.
 */
export const STATS_QUIET_MS = 2_000;
/** ... but no longer than about this after they closed, however busy their document stays. */
export const STATS_MAX_WAIT_MS = 30_000;

/** Versions of one document waiting for their word counts. */
interface Waiting {
  ids: Set<number>;
  since: number;
  /** The document's activity count when last looked at. */
  seen: number;
  timer: NodeJS.Timeout;
}

/**
 * Most status and readiness changes a measure's history (and a comparison's marks) lists: the
 * newest. Each is one row of the audit log, which keeps them all; an editor toggling readiness
 * 20,000 times made each history 4.5 MB and 330 ms of the main thread.
 */
export const FIELD_CHANGES_IN_HISTORY = 1_000;

/**
 * A measure's history as the API shows it: the versions of its narrative (with the words each
 * added and removed, computed once a version can no longer grow, or when asked) and its status
 * and readiness changes from the audit log; a version's narrative read back from the history;
 * who introduced each client id. Word counts of closed versions are computed in the background
 * once their document is quiet, one job after another, so that opening a history seldom waits
 * for them.
 */
export class MeasureHistory {
  private background: Promise<void> = Promise.resolve();
  private readonly waiting = new Map<string, Waiting>();

  /** `activity(docName)` changes whenever updates of the document are stored or someone opens it. */
  constructor(
    private readonly store: Store,
    private readonly narratives: NarrativeReader,
    private readonly now: () => Date,
    private readonly log: (message: string) => void,
    private readonly activity: (docName: string) => number = () => 0,
    /** The word diff of a version's text and the narrative now: the export renderer's thread in the server. */
    private readonly diff: (before: string, after: string) => Promise<DiffPart[]> = (before, after) => Promise.resolve(diffWords(before, after)),
  ) {}

  /** Called when versions can no longer grow: their word counts are computed once the document is quiet, off the path of any edit. */
  readonly onVersionsClosed = (docName: string, versions: readonly number[]): void => {
    const pending = this.waiting.get(docName);
    if (pending) {
      for (const id of versions) pending.ids.add(id);
      return;
    }
    const check = (): void => {
      const busy = this.activity(docName);
      if (busy !== waiting.seen && Date.now() - waiting.since < STATS_MAX_WAIT_MS) {
        waiting.seen = busy;
        waiting.timer = setTimeout(check, STATS_QUIET_MS).unref();
        return;
      }
      this.waiting.delete(docName);
      this.count(docName, waiting.ids);
    };
    const waiting: Waiting = { ids: new Set(versions), since: Date.now(), seen: this.activity(docName), timer: setTimeout(check, STATS_QUIET_MS).unref() };
    this.waiting.set(docName, waiting);
  };

  /** Counts the words of versions `ids` of `docName` after the jobs before it. */
  private count(docName: string, ids: ReadonlySet<number>): void {
    this.background = this.background.then(async () => {
      try {
        const stale = staleVersions(await this.store.listVersions(docName)).filter((version) => ids.has(version.id));
        await computeVersionStats(this.store, docName, stale);
      } catch (error) {
        // Asked for again with the history; nothing is lost.
        this.log(`counting the words of versions of ${docName} failed: ${String(error)}`);
      }
    });
  }

  /**
   * Shutdown: versions still waiting are left uncounted (they are counted when their history is
   * asked for); resolves once the job under way is done.
   */
  close(): Promise<void> {
    for (const { timer } of this.waiting.values()) clearTimeout(timer);
    this.waiting.clear();
    return this.background;
  }

  /** Every entry of a measure's history, newest (by its last change) first. */
  async list(roundId: string, number: number): Promise<HistoryEntry[]> {
    const docName = measureDocName(roundId, number);
    const versions = await this.withStats(docName, await this.store.listVersions(docName));
    const authors = new Authors(this.store);
    const entries: HistoryEntry[] = [
      ...(await Promise.all(versions.map((version) => this.presentWith(version, authors)))),
      ...(await this.fieldChanges(roundId, number, authors)),
    ];
    return entries.sort((a, b) => Date.parse(b.to) - Date.parse(a.to) || b.id.localeCompare(a.id));
  }

  /** One version: the narrative as it was right after it, and the word diff from then to now. */
  async detail(version: VersionRecord): Promise<VersionDetail> {
    const then = await narrativeAt(this.store, version.docName, version.lastId);
    const text = pmToPlainText(then.doc);
    const now = await this.narratives.read(version.docName, (doc) => narrativeText(narrativeFragment(doc)));
    return {
      version: await this.present(version),
      narrative: then.doc,
      renderable: then.problem === null,
      text,
      diff: await this.diff(text, now),
    };
  }

  /** A version as the API shows it, its word counts computed first if they are not yet. */
  async present(version: VersionRecord): Promise<NarrativeVersion> {
    const [counted] = await this.withStats(version.docName, [version]);
    return this.presentWith(counted ?? version, new Authors(this.store));
  }

  private async presentWith(version: VersionRecord, authors: Authors): Promise<NarrativeVersion> {
    const open = version.kind === 'narrative' && this.now().getTime() - Date.parse(version.startedAt) < VERSION_SPAN_MS && version.updates < VERSION_MAX_UPDATES;
    return {
      id: versionKey(version.id),
      kind: version.kind,
      author: await authors.of(version.author),
      from: version.startedAt,
      to: version.endedAt,
      wordsAdded: version.stats?.wordsAdded ?? 0,
      wordsRemoved: version.stats?.wordsRemoved ?? 0,
      open,
      updates: version.updates,
      restoredFrom: version.restoredFrom === null ? null : versionKey(version.restoredFrom),
      fromRoundId: version.carriedFrom === null ? null : version.carriedFrom.slice(0, version.carriedFrom.lastIndexOf('.')),
    };
  }

  /** Who introduced each client id of a measure's document. */
  async authorship(roundId: string, number: number): Promise<Authorship> {
    const authors = new Authors(this.store);
    const clients: Authorship['clients'] = {};
    for (const claim of await this.store.documentClients(measureDocName(roundId, number))) {
      const author = await authors.of(claim.author);
      clients[String(claim.clientId)] = { username: author?.username ?? null, name: author?.name ?? null, ministry: author?.ministry ?? null, carriedOver: claim.carriedOver };
    }
    return { clients };
  }

  /**
   * The entries of a measure's history in each of `roundIds` that overlap `[from, to]` (ISO
   * instants), newest first, as a comparison lists them: who, what kind, when.
   */
  async marks(roundIds: readonly string[], number: number, from: string, to: string): Promise<HistoryMark[]> {
    const since = Date.parse(from);
    const until = Date.parse(to);
    const authors = new Authors(this.store);
    const marks: HistoryMark[] = [];
    for (const roundId of roundIds) {
      const versions = await this.store.listVersions(measureDocName(roundId, number));
      const entries = [
        ...(await Promise.all(
          versions.map(async (v) => ({ id: versionKey(v.id), kind: v.kind, author: await authors.of(v.author), from: v.startedAt, to: v.endedAt })),
        )),
        ...(await this.fieldChanges(roundId, number, authors)),
      ];
      for (const entry of entries) {
        if (Date.parse(entry.to) < since || Date.parse(entry.from) > until) continue;
        marks.push({ id: entry.id, kind: entry.kind, author: entry.author, from: entry.from, to: entry.to, roundId });
      }
    }
    return marks.sort((a, b) => Date.parse(b.to) - Date.parse(a.to) || b.id.localeCompare(a.id));
  }

  /** Versions with word counts for what they hold now: stale ones are counted here, in one pass. */
  private async withStats(docName: string, versions: VersionRecord[]): Promise<VersionRecord[]> {
    const stale = staleVersions(versions);
    if (stale.length === 0) return versions;
    const computed = await computeVersionStats(this.store, docName, stale);
    return versions.map((version) => {
      const stats = computed.get(version.id);
      return stats ? { ...version, stats } : version;
    });
  }

  /** Status and readiness changes of a measure, from the audit log: the newest FIELD_CHANGES_IN_HISTORY. */
  private async fieldChanges(roundId: string, number: number, authors: Authors): Promise<HistoryEntry[]> {
    const rows = await this.store.measureAudit(roundId, number, ['status.change', 'ready.change'], FIELD_CHANGES_IN_HISTORY);
    const entries: HistoryEntry[] = [];
    for (const row of rows) {
      const entry = await this.fieldChange(row, authors);
      if (entry) entries.push(entry);
    }
    return entries;
  }

  private async fieldChange(row: AuditEntry, authors: Authors): Promise<HistoryEntry | null> {
    const base = {
      id: `a${row.id}`,
      author: await authors.of(row.actor.kind === 'user' ? row.actor.username : null),
      from: row.at,
      to: row.at,
      wordsAdded: 0,
      wordsRemoved: 0,
    };
    if (row.kind === 'status.change') {
      const change = StatusChangeSchema.safeParse({ before: row.before, after: row.after });
      return change.success ? { ...base, kind: 'status', status: { before: change.data.before.status, after: change.data.after.status } } : null;
    }
    const change = ReadyChangeSchema.safeParse({ after: row.after });
    return change.success ? { ...base, kind: 'ready', ready: change.data.after } : null;
  }
}
