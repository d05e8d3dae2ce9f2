import { SqliteStore } from '../../server/store/sqliteStore.js';
import type { AppendedUpdate, StoredDocument, UpdateOrigin } from '../../server/store/types.js';

/** A gate that calls wait on until the test opens or fails it. */
class Gate {
  private promise: Promise<void> = Promise.resolve();
  private resolve: () => void = () => {};
  private reject: (error: Error) => void = () => {};

  hold(): void {
    this.promise = new Promise<void>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    this.promise.catch(() => undefined);
  }
  release(): void {
    this.resolve();
  }
  fail(error: Error): void {
    this.reject(error);
  }
  wait(): Promise<void> {
    return this.promise;
  }
}

/**
 * The real SQLite store, with document loads held at a gate the test opens (or fails), so a
 * test can connect clients while a load is still in flight.
 */
export class GatedStore extends SqliteStore {
  loadCalls = 0;
  appendCalls = 0;
  private readonly loads = new Gate();
  private readonly appends = new Gate();

  /** From now on, loads wait until `releaseLoads()`, or fail on `failLoads()`. */
  holdLoads(): void {
    this.loads.hold();
  }
  releaseLoads(): void {
    this.loads.release();
  }
  failLoads(error: Error): void {
    this.loads.fail(error);
  }

  /** From now on, appended updates wait until `releaseAppends()` before they are written. */
  holdAppends(): void {
    this.appends.hold();
  }
  releaseAppends(): void {
    this.appends.release();
  }

  override async loadDocument(docName: string): Promise<StoredDocument> {
    this.loadCalls++;
    await this.loads.wait();
    return super.loadDocument(docName);
  }

  override async appendUpdate(docName: string, update: Uint8Array, origin: UpdateOrigin): Promise<AppendedUpdate> {
    this.appendCalls++;
    await this.appends.wait();
    return super.appendUpdate(docName, update, origin);
  }
}
