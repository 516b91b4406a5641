/**
 * Durable storage of group documents, as opaque Yjs updates. The sync server is the only writer
 * of a group while its room is loaded, so a store needs no merge logic of its own beyond
 * compaction; every implementation must pass `test/contract/doc-store.test.ts`.
 */
export interface DocStore {
  /**
   * Every stored update of a group in the order it was appended (after a `replace`, the merged
   * state first). Applying them all to an empty `Y.Doc` rebuilds the group. A group never written
   * loads as `[]`.
   */
  load(groupId: string): Promise<Uint8Array[]>

  /**
   * Stores one update durably. When the promise resolves the update survives a crash of the
   * process, so callers may fan it out and treat it as acknowledged. Appends to one group are
   * kept in call order.
   */
  append(groupId: string, update: Uint8Array): Promise<void>

  /**
   * Compaction: atomically swaps all stored updates of a group for one merged state. The caller
   * guarantees that `state` contains everything stored for the group (it holds the loaded doc
   * and every update appended since); a reader sees either the old rows or the new state, never
   * a mix.
   */
  replace(groupId: string, state: Uint8Array): Promise<void>

  /** Flushes and releases the store. Further calls reject. Safe to call twice. */
  close(): Promise<void>
}
