/**
 * Durable storage of group documents, as opaque Yjs updates. The sync server is the only writer
 * of a group while its room is loaded, so a store needs no merge logic of its own; compaction
 * is the room's job (`server/store/compactor.ts`), through `replace`. Every implementation must
 * pass `test/contract/doc-store.test.ts`; `docs/storage.md` describes the contract.
 */
export interface DocStore {
  /**
   * Every stored update of a group in position order: the snapshot of the last `replace` (if
   * any) first, then the tail appended after it. Applying them all to an empty `Y.Doc` rebuilds
   * the group. A group never written loads as `[]`.
   */
  load(groupId: string): Promise<Uint8Array[]>

  /**
   * What `load` returns, together with the position of the last of those updates (0 for a
   * group never written), read atomically: the `upTo` a later `replace` may pass once it
   * holds all of them.
   */
  read(groupId: string): Promise<StoredUpdates>

  /**
   * Stores one update durably and resolves with its position, which is greater than the
   * position of every update of the group stored before it. When the promise resolves the
   * update survives a crash of the process, so callers may fan it out and treat it as
   * acknowledged. Appends to one group are kept in call order.
   */
  append(groupId: string, update: Uint8Array): Promise<number>

  /**
   * Compaction: atomically swaps the stored updates of a group at positions up to `upTo` (all
   * of them when `upTo` is omitted) for `state`, which takes the position of the last update
   * it replaces and so stays before every later one: an update appended while the caller was
   * merging is kept, after the state.
   * The caller guarantees that `state` contains every update it replaces; a reader sees either
   * the old rows or the new state, never a mix.
   */
  replace(groupId: string, state: Uint8Array, upTo?: number): Promise<void>

  /** Flushes and releases the store. Further calls reject. Safe to call twice. */
  close(): Promise<void>
}

/** A group's stored updates in position order, and the position of the last one. */
export interface StoredUpdates {
  updates: Uint8Array[]
  /** Position of the last update, 0 when there is none. */
  position: number
}
