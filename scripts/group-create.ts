/**
 * `npm run --silent group:create -- --name "Lab" [--description "…"] [--origin URL]
 * [--data-dir DIR] [--json]`: creates a group in the server's store and prints its links. The
 * group's document is stored with its name, so the first member to open the invite link finds
 * it ready. The store is configured as for the server (server/config.ts): SQLite in the data
 * directory by default (`--data-dir` wins over `MARGINS_DATA_DIR`, which wins over `./data`),
 * or with `MARGINS_STORE=postgres` the PostgreSQL at `MARGINS_DATABASE_URL` that every node
 * shares.
 *
 * The output holds the group's keys: it is for the person who asked, never for a log.
 */
import { mkdir } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { inviteLink } from '../shared/invite'
import { readConfig } from '../server/config'
import { storeNewGroup } from '../server/new-group'
import { describeStore, openDocStore } from '../server/open-store'

const USAGE =
  'usage: npm run --silent group:create -- --name "Lab" [--description TEXT] ' +
  '[--origin http://localhost:8080] [--data-dir DIR] [--json]'

/** The origin invite links point at: http(s) only, no path, query or fragment. */
function originOf(text: string): string {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new UsageError(`--origin must be a URL such as http://localhost:8080, not ${text}`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--origin must be http: or https:, not ${url.protocol}`)
  }
  return url.origin
}

class UsageError extends Error {}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      name: { type: 'string' },
      description: { type: 'string' },
      origin: { type: 'string', default: 'http://localhost:8080' },
      'data-dir': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  })
  if (values.help) {
    console.log(USAGE)
    return
  }
  if (!values.name?.trim()) throw new UsageError('--name is required')
  const origin = originOf(values.origin)
  const dataDirFlag = values['data-dir']
  const config = readConfig(
    process.env,
    process.cwd(),
    dataDirFlag ? ['--data-dir', dataDirFlag] : [],
  )
  const { dataDir } = config
  if (config.storeKind === 'sqlite') await mkdir(dataDir, { recursive: true })
  const store = await openDocStore(config)
  let keys
  try {
    keys = await storeNewGroup(store, { name: values.name, description: values.description })
  } finally {
    await store.close()
  }
  const result = {
    id: keys.groupId,
    name: values.name,
    writeToken: keys.writeKey,
    readToken: keys.readKey,
    inviteUrl: inviteLink(origin, keys.groupId, keys.writeKey),
    readOnlyUrl: inviteLink(origin, keys.groupId, keys.readKey),
    syncUrl: `${origin.replace(/^http/, 'ws')}/sync/${keys.groupId}`,
    store: config.storeKind,
    dataDir,
  }
  if (values.json) {
    console.log(JSON.stringify(result))
    return
  }
  console.log(
    [
      `Created group "${result.name}" (id ${result.id})`,
      `  stored in ${describeStore(config)}`,
      '',
      `  invite link (read-write): ${result.inviteUrl}`,
      `  read-only link:           ${result.readOnlyUrl}`,
      '',
      'Anyone with the read-write link can edit the group; share it with members only.',
    ].join('\n'),
  )
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error)
  console.error(`group:create: ${message}`)
  if (
    error instanceof UsageError ||
    (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
  ) {
    console.error(USAGE)
  }
  process.exit(error instanceof UsageError ? 2 : 1)
})
