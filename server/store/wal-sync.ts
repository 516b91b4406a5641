import { open, type FileHandle } from 'node:fs/promises'

/**
 * fdatasync of a SQLite WAL file on libuv's thread pool, so the event loop does not wait for
 * the disk. The file is opened on the first sync, after the first commit created it. SQLite
 * rewrites the WAL in place after a checkpoint and deletes it only when its last connection
 * closes; the store's connection stays open until after the last sync, so this handle always
 * reaches the file SQLite writes.
 */
export class WalSync {
  private handle: Promise<FileHandle> | undefined

  constructor(private readonly path: string) {}

  /** Makes everything written to the WAL so far durable. */
  async sync(): Promise<void> {
    this.handle ??= open(this.path, 'r')
    await (await this.handle).datasync()
  }

  /** Releases the file handle. */
  async close(): Promise<void> {
    const handle = this.handle
    this.handle = undefined
    await (await handle)?.close()
  }
}
