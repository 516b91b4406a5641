import { readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as Y from 'yjs'
import { importTrending } from '../shared/importers/trending'
import { createGroupKeys, keysFromWriteKey, type GroupKeys } from '../shared/invite'
import { createGroup, importPapers, readGroup } from '../shared/model'
import type { DocStore } from './store/doc-store'

/** File in the data directory that keeps the demo group's write key across restarts. */
export const DEMO_GROUP_FILE = 'demo-group.json'

const DEMO_NAME = 'Margins demo reading group'
const DEMO_DESCRIPTION =
  'A sample group with 68 trending papers, so there is something to read, vote on and annotate. ' +
  'Anyone with its read-write link can edit it.'
const DEMO_ACTOR_ID = 'margins-demo'
const DEMO_PROFILE = { name: 'Margins', colour: '#5b6ee1' }
const PAPERS_FILE = new URL('./demo/trending-papers.txt', import.meta.url)

async function readKeys(file: string): Promise<GroupKeys | undefined> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  const saved = JSON.parse(text) as { groupId?: unknown; writeKey?: unknown }
  const keys = typeof saved.writeKey === 'string' ? keysFromWriteKey(saved.writeKey) : undefined
  if (!keys || keys.groupId !== saved.groupId) {
    throw new Error(`${file} does not hold a valid demo group key; delete it to make a new group`)
  }
  return keys
}

/** Writes the key file whole or not at all, readable by the server's user only. */
async function writeKeys(file: string, keys: GroupKeys): Promise<void> {
  const body = JSON.stringify({ groupId: keys.groupId, writeKey: keys.writeKey }, null, 2)
  await writeFile(`${file}.tmp`, `${body}\n`, { mode: 0o600 })
  await rename(`${file}.tmp`, file)
}

/**
 * Makes sure the data directory has the demo group, and returns its keys. On first start it
 * creates the group and keeps its write key in `demo-group.json` (mode 0600), so the invite
 * links printed at start keep working after a restart. The group is seeded with the papers of
 * `server/demo/trending-papers.txt` through the shared model, and stored as one update through
 * `store`, as a client's first sync would be. Seeding runs again only if the stored group is
 * missing (data wiped, or a crash between writing the key and the group).
 *
 * Call it before the sync server starts: it writes to the store directly, which is safe only
 * while no room of the group is loaded.
 */
export async function ensureDemoGroup(dataDir: string, store: DocStore): Promise<GroupKeys> {
  const file = join(dataDir, DEMO_GROUP_FILE)
  let keys = await readKeys(file)
  if (!keys) {
    keys = createGroupKeys()
    await writeKeys(file, keys)
  }
  const doc = new Y.Doc()
  try {
    for (const update of await store.load(keys.groupId)) Y.applyUpdate(doc, update)
    if (readGroup(doc) !== undefined) return keys
    const before = Y.encodeStateVector(doc)
    const actor = { memberId: DEMO_ACTOR_ID }
    createGroup(doc, actor, { name: DEMO_NAME, description: DEMO_DESCRIPTION }, DEMO_PROFILE)
    const { papers } = importTrending(await readFile(PAPERS_FILE, 'utf8'))
    importPapers(doc, actor, papers)
    await store.append(keys.groupId, Y.encodeStateAsUpdate(doc, before))
    return keys
  } finally {
    doc.destroy()
  }
}
