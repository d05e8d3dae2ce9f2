/**
 * Node 20 has no global ErrorEvent; @hono/node-ws constructs one for every socket error,
 * and without it the error surfaces as a ReferenceError instead of reaching onError.
 */
if ((globalThis as { ErrorEvent?: unknown }).ErrorEvent === undefined) {
  class NodeErrorEvent extends Event {
    readonly error: unknown;
    readonly message: string;
    constructor(type: string, init: { error?: unknown; message?: string } = {}) {
      super(type);
      this.error = init.error;
      this.message = init.message ?? (init.error instanceof Error ? init.error.message : '');
    }
  }
  (globalThis as { ErrorEvent?: unknown }).ErrorEvent = NodeErrorEvent;
}

export {};
