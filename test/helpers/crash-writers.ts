import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import {
  addComment,
  addPaper,
  createGroup,
  getPaper,
  importPapers,
  listComments,
  upsertMember,
  type PaperInput,
} from '../../shared/model'
import { createGroupKeys } from '../../shared/invite'
import { connectSyncClient, type SyncClient } from './sync-client'
import { waitFor } from './wait-for'

/** Comment bodies the crash tests write: `crash <writer> <n>`, unique per write. */
const TAG = /^crash \S+ \d+$/

/** A member with a stock client who writes numbered comments, online or not. */
export interface CrashWriter {
  readonly name: string
  readonly client: SyncClient
  /** Tags of every comment it wrote, in order, whether the server was up or not. */
  readonly written: string[]
  /**
   * Tags that reached it from the server through its socket (updates the provider applied),
   * which the server may only send once they are stored.
   */
  readonly received: Set<string>
  /** Tags its doc holds, whoever wrote them, kept up to date from every doc update. */
  readonly present: Set<string>
  /** Adds one comment with the next tag through the model's `addComment`. */
  write(): void
}

/** A group whose members write comments on one paper. */
export interface CrashGroup {
  readonly name: string
  readonly groupId: string
  readonly writeKey: string
  readonly paperId: string
  readonly writers: CrashWriter[]
}

/** Tags of the comments that a Yjs update adds, read from its structs without a doc. */
function tagsIn(update: Uint8Array): string[] {
  const tags: string[] = []
  for (const struct of Y.decodeUpdate(update).structs) {
    if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentAny)) continue
    for (const value of struct.content.arr as unknown[]) {
      const body = (value as { body?: unknown } | null)?.body
      if (typeof body === 'string' && TAG.test(body)) tags.push(body)
    }
  }
  return tags
}

/** Tags of the comments on `paperId`, as the model reads them. */
export function storedTags(doc: Y.Doc, paperId: string): Set<string> {
  return new Set(
    listComments(doc, paperId)
      .map((comment) => comment.body)
      .filter((body) => TAG.test(body)),
  )
}

async function connectWriter(
  url: string,
  group: { groupId: string; writeKey: string },
  name: string,
  doc: Y.Doc,
  paperId: () => string,
): Promise<CrashWriter> {
  const written: string[] = []
  const received = new Set<string>()
  const present = new Set<string>()
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    const tags = tagsIn(update)
    for (const tag of tags) present.add(tag)
    // The provider applies what its socket delivers with itself as the transaction origin.
    if (origin instanceof WebsocketProvider) for (const tag of tags) received.add(tag)
  })
  const client = await connectSyncClient(url, group.groupId, group.writeKey, { doc })
  const actor = () => ({ memberId: name.toLowerCase(), now: Date.now() })
  await waitFor(`${name} to see the group`, () => getPaper(doc, paperId()) !== undefined)
  upsertMember(doc, actor(), { name, colour: '#1f77b4' })
  return {
    name,
    client,
    written,
    received,
    present,
    write: () => {
      const tag = `crash ${name} ${written.length}`
      addComment(doc, actor(), { paperId: paperId(), body: tag })
      written.push(tag)
    },
  }
}

/**
 * Makes a group offline in the first writer's doc (with `seed` papers besides the one they
 * comment on, to give it weight), then connects `writers` members to `url`, the first one
 * uploading the group, the others syncing it down.
 */
export async function openCrashGroup(
  url: string,
  name: string,
  writers: number,
  seed: readonly PaperInput[] = [],
): Promise<CrashGroup> {
  const { groupId, writeKey } = createGroupKeys()
  const first = new Y.Doc()
  const founder = { memberId: `${name}1`.toLowerCase(), now: Date.now() }
  createGroup(
    first,
    founder,
    { name: `Crash group ${name}` },
    { name: `${name}1`, colour: '#1f77b4' },
  )
  const { paper } = addPaper(first, founder, {
    title: `The paper group ${name} discusses`,
    authors: ['Ada Lovelace'],
    source: 'manual',
  })
  if (seed.length > 0) importPapers(first, founder, seed)
  const group = { groupId, writeKey }
  const members: CrashWriter[] = []
  for (let i = 1; i <= writers; i++) {
    const doc = i === 1 ? first : new Y.Doc()
    members.push(await connectWriter(url, group, `${name}${i}`, doc, () => paper.id))
  }
  return { name, groupId, writeKey, paperId: paper.id, writers: members }
}

/** `count` papers with long abstracts: some megabytes of group, so compaction takes a while. */
export function heavyLibrary(count: number): PaperInput[] {
  const abstract = 'A long abstract about attention, memory and compaction. '.repeat(25)
  return Array.from({ length: count }, (_, i) => ({
    title: `Heavy paper number ${i}`,
    authors: ['Grace Hopper', 'Edsger Dijkstra'],
    abstract: `${abstract}${i}`,
    source: 'manual' as const,
  }))
}
