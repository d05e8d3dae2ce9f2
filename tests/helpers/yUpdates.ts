import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/** One client's structs in an update, from `clock`. */
export interface StructGroup {
  client: number;
  clock: number;
  structs: readonly (Y.Item | Y.GC | Y.Skip)[];
}

/**
 * A version 1 Yjs update written exactly as given (groups, structs, deletions), as no Yjs encoder
 * would write some of them: for tests of what the server does with crafted updates.
 */
export function encodeUpdate(groups: readonly StructGroup[], deletions: readonly [number, readonly [number, number][]][] = []): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  encoding.writeVarUint(encoder.restEncoder, groups.length);
  for (const { client, clock, structs } of groups) {
    encoding.writeVarUint(encoder.restEncoder, structs.length);
    encoder.writeClient(client);
    encoding.writeVarUint(encoder.restEncoder, clock);
    for (const struct of structs) struct.write(encoder, 0);
  }
  encoding.writeVarUint(encoder.restEncoder, deletions.length);
  for (const [client, ranges] of deletions) {
    encoder.resetDsCurVal();
    encoding.writeVarUint(encoder.restEncoder, client);
    encoding.writeVarUint(encoder.restEncoder, ranges.length);
    for (const [clock, length] of ranges) {
      encoder.writeDsClock(clock);
      encoder.writeDsLen(length);
    }
  }
  return encoder.toUint8Array();
}

/** A group of structs that follow each other, from the first one's id. */
export const groupOf = (...structs: (Y.Item | Y.GC | Y.Skip)[]): StructGroup => ({ client: structs[0]!.id.client, clock: structs[0]!.id.clock, structs });
