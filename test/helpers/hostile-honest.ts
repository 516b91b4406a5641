import * as Y from 'yjs'
import type { GroupKeys } from '../../shared/invite'
import {
  ModelError,
  addComment,
  addPaper,
  addTag,
  createGroup,
  getPaper,
  listComments,
  tagsOf,
  upsertMember,
  type Actor,
} from '../../shared/model'
import { connectSyncClient, type SyncClient } from './sync-client'
import { waitFor } from './wait-for'

/** Two members of one group editing through the shared model, as the app does, until stopped. */
export interface HonestPair {
  clients: [SyncClient, SyncClient]
  paperId: string
  /** Comments the two added, by id. */
  readonly commentIds: string[]
  /** Edits made (comments, tags, presence changes). */
  readonly edits: number
  /** Edits the model refused (e.g. after a hostile writer changed what they build on). */
  readonly refusedEdits: number
  /** Close codes the server sent either member; the stock client reconnects after each. */
  readonly closeCodes: number[]
  /** Stops editing; the members stay connected. */
  stop(): void
}

const actor = (memberId: string): Actor => ({ memberId, now: Date.now() })

/**
 * Connects Ada (who creates the group and a paper) and Ben with stock clients, then makes one
 * edit every `intervalMs`, in turn: a comment, a tag, a presence change.
 */
export async function startHonestPair(
  origin: string,
  keys: GroupKeys,
  intervalMs: number,
): Promise<HonestPair> {
  const ada = await connectSyncClient(origin, keys.groupId, keys.writeKey)
  createGroup(ada.doc, actor('ada'), { name: 'Honest reading group' })
  upsertMember(ada.doc, actor('ada'), { name: 'Ada', colour: '#1f77b4' })
  const { paper } = addPaper(ada.doc, actor('ada'), { title: 'Attention', source: 'manual' })
  const ben = await connectSyncClient(origin, keys.groupId, keys.writeKey)
  await waitFor('Ben to see the paper', () => getPaper(ben.doc, paper.id) !== undefined)
  upsertMember(ben.doc, actor('ben'), { name: 'Ben', colour: '#ff7f0e' })

  const commentIds: string[] = []
  const closeCodes: number[] = []
  let edits = 0
  let refusedEdits = 0
  for (const client of [ada, ben]) {
    client.provider.on('connection-close', (event) => {
      if (event) closeCodes.push(event.code)
    })
  }
  const members = [
    { client: ada, memberId: 'ada' },
    { client: ben, memberId: 'ben' },
  ] as const
  const timer = setInterval(() => {
    const { client, memberId } = members[edits % 2]!
    const step = Math.floor(edits / 2) % 3
    try {
      if (step === 0) {
        const body = `${memberId} comment ${edits}`
        commentIds.push(addComment(client.doc, actor(memberId), { paperId: paper.id, body }).id)
      } else if (step === 1) {
        addTag(client.doc, actor(memberId), paper.id, `topic-${edits % 17}`)
      } else {
        client.provider.awareness.setLocalState({ memberId, edits })
      }
    } catch (error) {
      if (!(error instanceof ModelError)) throw error
      refusedEdits++
    }
    edits++
  }, intervalMs)
  return {
    clients: [ada, ben],
    paperId: paper.id,
    commentIds,
    get edits() {
      return edits
    },
    get refusedEdits() {
      return refusedEdits
    },
    closeCodes,
    stop: () => clearInterval(timer),
  }
}

/** True when two docs hold the same changes: equal state vectors and delete sets. */
export function sameState(a: Y.Doc, b: Y.Doc): boolean {
  return Y.equalSnapshots(Y.snapshot(a), Y.snapshot(b))
}

/** What a member sees of the paper: its comment bodies and its tags, in order. */
export function visibleContent(doc: Y.Doc, paperId: string): unknown {
  return {
    comments: listComments(doc, paperId).map((comment) => [comment.id, comment.body]),
    tags: tagsOf(doc, paperId).map((tag) => tag.tag),
  }
}

/** A doc rebuilt from stored rows. */
export function docOf(rows: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc()
  for (const row of rows) Y.applyUpdate(doc, row)
  return doc
}

/** Whether any stored row holds `text` (content strings are stored as UTF-8). */
export function rowsContain(rows: readonly Uint8Array[], text: string): boolean {
  return rows.some((row) => Buffer.from(row).includes(text))
}
