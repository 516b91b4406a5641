import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { DEFAULT_ARXIV_URL } from './arxiv/arxiv-client'
import { DEFAULT_ARXIV_PDF_URL } from './blobs/arxiv-pdf'
import { DEFAULT_MAX_PDF_BYTES } from './blobs/blob-route'
import { DEFAULT_LIMITS, type ServerLimits } from './limits'

/** What `server/index.ts` starts the server with. */
export interface ServerConfig {
  port: number
  host: string
  /** Absolute path of the data directory (SQLite file, demo group key). */
  dataDir: string
  /** Absolute path of the client build. */
  staticDir: string
  limits: ServerLimits
  /** Origin of the arXiv API that `/api/arxiv` asks (without a trailing slash). */
  arxivUrl: string
  /** Absolute path of the groups' PDFs (files and their index). */
  blobDir: string
  /** Largest PDF a member may attach or the server fetches, in bytes. */
  maxPdfBytes: number
  /** Origin that serves arXiv PDFs at `/pdf/<id>` (without a trailing slash). */
  arxivPdfUrl: string
  /** Where group documents are stored: SQLite in the data dir, or a shared PostgreSQL. */
  storeKind: 'sqlite' | 'postgres'
  /** The PostgreSQL connection URL; set exactly when `storeKind` is `postgres`. */
  databaseUrl: string | undefined
  /** Whether updates and presence fan out to other nodes, through Redis. */
  fanoutKind: 'none' | 'redis'
  /** The Redis URL; set exactly when `fanoutKind` is `redis`. */
  redisUrl: string | undefined
  /** Where PDFs are kept: files under `blobDir`, or the PostgreSQL database every node reads. */
  blobStoreKind: 'file' | 'postgres'
}

/** One setting: its command-line flag, its environment variable, its default and meaning. */
export interface Setting {
  flag: string
  env: string
  default: string
  meaning: string
}

/** Every setting, in the order of the configuration table in `docs/server.md`. */
export const SETTINGS = {
  port: {
    flag: '--port',
    env: 'PORT',
    default: '8080',
    meaning: 'TCP port (`0` picks a free one)',
  },
  host: { flag: '--host', env: 'HOST', default: '0.0.0.0', meaning: 'interface to listen on' },
  dataDir: {
    flag: '--data-dir',
    env: 'MARGINS_DATA_DIR',
    default: './data',
    meaning: 'SQLite file `margins.sqlite` and `demo-group.json`',
  },
  staticDir: {
    flag: '--static-dir',
    env: 'MARGINS_STATIC_DIR',
    default: './dist',
    meaning: 'the built app to serve (`npm start` builds it there)',
  },
  maxMessageBytes: {
    flag: '--max-message-bytes',
    env: 'MARGINS_MAX_MESSAGE_BYTES',
    default: String(DEFAULT_LIMITS.maxMessageBytes),
    meaning: 'largest WebSocket message (64 MiB)',
  },
  messagesPerSecond: {
    flag: '--messages-per-second',
    env: 'MARGINS_MESSAGES_PER_SECOND',
    default: String(DEFAULT_LIMITS.messagesPerSecond),
    meaning: 'sustained messages per second per connection',
  },
  messageBurst: {
    flag: '--message-burst',
    env: 'MARGINS_MESSAGE_BURST',
    default: String(DEFAULT_LIMITS.messageBurst),
    meaning: 'messages per connection in a burst',
  },
  maxConnectionsPerIp: {
    flag: '--max-connections-per-ip',
    env: 'MARGINS_MAX_CONNECTIONS_PER_IP',
    default: String(DEFAULT_LIMITS.maxConnectionsPerIp),
    meaning: 'open sync connections from one IP address',
  },
  maxPendingConnections: {
    flag: '--max-pending-connections',
    env: 'MARGINS_MAX_PENDING_CONNECTIONS',
    default: String(DEFAULT_LIMITS.maxPendingConnections),
    meaning: 'connections waiting for their group to load',
  },
  maxPendingMessages: {
    flag: '--max-pending-messages',
    env: 'MARGINS_MAX_PENDING_MESSAGES',
    default: String(DEFAULT_LIMITS.maxPendingMessages),
    meaning: 'messages one connection may send before its group has loaded',
  },
  maxUnsentBytes: {
    flag: '--max-unsent-bytes',
    env: 'MARGINS_MAX_UNSENT_BYTES',
    default: String(DEFAULT_LIMITS.maxUnsentBytes),
    meaning: 'bytes left unread by one connection before it is dropped (16 MiB)',
  },
  arxivUrl: {
    flag: '--arxiv-url',
    env: 'MARGINS_ARXIV_URL',
    default: DEFAULT_ARXIV_URL,
    meaning: 'arXiv API asked for the details of papers added by id',
  },
  blobDir: {
    flag: '--blob-dir',
    env: 'MARGINS_BLOB_DIR',
    default: '<data-dir>/blobs',
    meaning: "the groups' PDFs and their index `blobs.sqlite`",
  },
  maxPdfBytes: {
    flag: '--max-pdf-bytes',
    env: 'MARGINS_MAX_PDF_BYTES',
    default: String(DEFAULT_MAX_PDF_BYTES),
    meaning: 'largest PDF a member may attach or the server fetches from arXiv (50 MiB)',
  },
  arxivPdfUrl: {
    flag: '--arxiv-pdf-url',
    env: 'MARGINS_ARXIV_PDF_URL',
    default: DEFAULT_ARXIV_PDF_URL,
    meaning: 'site the server fetches arXiv PDFs from (`/pdf/<id>`)',
  },
  store: {
    flag: '--store',
    env: 'MARGINS_STORE',
    default: 'sqlite',
    meaning:
      'where group documents live: `sqlite` (in the data dir) or `postgres` (shared by nodes)',
  },
  databaseUrl: {
    flag: '--database-url',
    env: 'MARGINS_DATABASE_URL',
    default: '(none)',
    meaning: 'PostgreSQL URL for `--store postgres`, e.g. `postgres://margins:…@db:5432/margins`',
  },
  fanout: {
    flag: '--fanout',
    env: 'MARGINS_FANOUT',
    default: 'none',
    meaning: 'cross-node fan-out of edits and presence: `none` (one node) or `redis`',
  },
  redisUrl: {
    flag: '--redis-url',
    env: 'MARGINS_REDIS_URL',
    default: '(none)',
    meaning: 'Redis URL for `--fanout redis`, e.g. `redis://redis:6379`',
  },
  blobStore: {
    flag: '--blob-store',
    env: 'MARGINS_BLOB_STORE',
    default: 'file, or postgres with --store postgres',
    meaning: "where PDFs live: `file` (under the blob dir) or `postgres` (the store's database)",
  },
} satisfies Record<string, Setting>

type SettingName = keyof typeof SETTINGS

/** An http(s) origin (and optional path) without query, fragment or trailing slash. */
function httpBase(text: string, source: string): string {
  let url: URL | undefined
  try {
    url = new URL(text)
  } catch {
    url = undefined
  }
  if (!url || !/^https?:$/.test(url.protocol) || url.search || url.hash || url.username) {
    throw new Error(
      `${source} must be an http(s) URL like https://export.arxiv.org, not ${JSON.stringify(text)}`,
    )
  }
  return url.href.replace(/\/+$/, '')
}

/** The client build, `dist/` at the repository root, wherever the process was started from. */
const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../dist', import.meta.url))

/**
 * Reads the configuration from command-line flags and environment variables, a flag winning
 * over its variable and the variable over the default (see {@link SETTINGS}). Throws on an
 * unknown flag or a bad value rather than starting on a surprising one.
 */
export function readConfig(
  env: NodeJS.ProcessEnv,
  cwd: string,
  argv: readonly string[] = [],
): ServerConfig {
  const names = Object.keys(SETTINGS) as SettingName[]
  const { values } = parseArgs({
    args: [...argv],
    options: Object.fromEntries(
      names.map((name) => [SETTINGS[name].flag.slice(2), { type: 'string' as const }]),
    ),
    strict: true,
    allowPositionals: false,
  })
  /** The raw value of a setting and where it came from, for error messages. */
  const raw = (name: SettingName): { text: string; source: string } => {
    const setting = SETTINGS[name]
    const fromFlag = values[setting.flag.slice(2)]
    if (typeof fromFlag === 'string') return { text: fromFlag.trim(), source: setting.flag }
    const fromEnv = env[setting.env]?.trim()
    if (fromEnv) return { text: fromEnv, source: setting.env }
    return { text: setting.default, source: 'the default' }
  }
  const integer = (name: SettingName, min: number, max: number, what: string): number => {
    const { text, source } = raw(name)
    const value = Number(text)
    if (!/^\d+$/.test(text) || value < min || value > max) {
      throw new Error(`${source} must be ${what}, not ${JSON.stringify(text)}`)
    }
    return value
  }
  const positive = (name: SettingName) =>
    integer(name, 1, Number.MAX_SAFE_INTEGER, 'a whole number of at least 1')
  /** A setting that takes one of `choices`; its default is the first. */
  const choice = <T extends string>(name: SettingName, choices: readonly T[]): T => {
    const { text, source } = raw(name)
    const value = (source === 'the default' ? choices[0] : text.toLowerCase()) as T
    if (!choices.includes(value)) {
      throw new Error(`${source} must be ${choices.join(' or ')}, not ${JSON.stringify(text)}`)
    }
    return value
  }
  /** The URL a backend needs: given exactly when the backend is chosen, with one of `schemes`. */
  const backendUrl = (
    name: SettingName,
    needed: { by: string; when: boolean },
    schemes: readonly string[],
  ): string | undefined => {
    const { text, source } = raw(name)
    const given = source !== 'the default' && text !== ''
    const setting = SETTINGS[name]
    if (!needed.when) {
      if (given) throw new Error(`${source} is set, but only used with ${needed.by}`)
      return undefined
    }
    if (!given) throw new Error(`${needed.by} needs ${setting.env} (or ${setting.flag})`)
    let scheme: string | undefined
    try {
      scheme = new URL(text).protocol.slice(0, -1)
    } catch {
      scheme = undefined
    }
    if (scheme === undefined || !schemes.includes(scheme)) {
      // Never echo the value: it may hold a password.
      throw new Error(`${source} must be a URL starting with ${schemes.join(':// or ')}://`)
    }
    return text
  }
  const storeKind = choice('store', ['sqlite', 'postgres'] as const)
  const fanoutKind = choice('fanout', ['none', 'redis'] as const)
  const blobStoreSetting = raw('blobStore')
  const blobStoreKind =
    blobStoreSetting.source === 'the default'
      ? storeKind === 'postgres'
        ? 'postgres'
        : 'file'
      : choice('blobStore', ['file', 'postgres'] as const)
  if (fanoutKind === 'redis' && storeKind !== 'postgres') {
    throw new Error(
      `${raw('fanout').source}=redis needs a store every node shares: set MARGINS_STORE=postgres`,
    )
  }
  if (blobStoreKind === 'postgres' && storeKind !== 'postgres') {
    throw new Error(`${blobStoreSetting.source}=postgres needs MARGINS_STORE=postgres`)
  }
  const databaseUrl = backendUrl(
    'databaseUrl',
    { by: 'MARGINS_STORE=postgres', when: storeKind === 'postgres' },
    ['postgres', 'postgresql'],
  )
  const redisUrl = backendUrl(
    'redisUrl',
    { by: 'MARGINS_FANOUT=redis', when: fanoutKind === 'redis' },
    ['redis', 'rediss'],
  )
  const dataDir = resolve(cwd, raw('dataDir').text || SETTINGS.dataDir.default)
  const blobDir = raw('blobDir')
  return {
    port: integer('port', 0, 65_535, 'a port number from 0 to 65535'),
    host: raw('host').text || SETTINGS.host.default,
    dataDir,
    staticDir: raw('staticDir').text ? resolve(cwd, raw('staticDir').text) : DEFAULT_STATIC_DIR,
    limits: {
      maxMessageBytes: positive('maxMessageBytes'),
      messagesPerSecond: positive('messagesPerSecond'),
      messageBurst: positive('messageBurst'),
      maxConnectionsPerIp: positive('maxConnectionsPerIp'),
      maxPendingConnections: positive('maxPendingConnections'),
      maxPendingMessages: positive('maxPendingMessages'),
      maxUnsentBytes: positive('maxUnsentBytes'),
    },
    arxivUrl: httpBase(raw('arxivUrl').text, raw('arxivUrl').source),
    blobDir:
      blobDir.source === 'the default' || !blobDir.text
        ? join(dataDir, 'blobs')
        : resolve(cwd, blobDir.text),
    maxPdfBytes: positive('maxPdfBytes'),
    arxivPdfUrl: httpBase(raw('arxivPdfUrl').text, raw('arxivPdfUrl').source),
    storeKind,
    databaseUrl,
    fanoutKind,
    redisUrl,
    blobStoreKind,
  }
}
