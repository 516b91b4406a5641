import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readConfig, SETTINGS } from '../../server/config'
import { DEFAULT_LIMITS } from '../../server/limits'

describe('server configuration', () => {
  it('takes a flag over its environment variable, and the variable over the default', () => {
    const defaults = readConfig({}, '/srv')
    expect(defaults).toMatchObject({ port: 8080, host: '0.0.0.0', dataDir: '/srv/data' })
    expect(defaults.limits).toEqual(DEFAULT_LIMITS)

    const env = {
      PORT: '9000',
      HOST: '127.0.0.1',
      MARGINS_DATA_DIR: 'from-env',
      MARGINS_MESSAGES_PER_SECOND: '7',
      MARGINS_MAX_CONNECTIONS_PER_IP: '3',
    }
    const fromEnv = readConfig(env, '/srv')
    expect(fromEnv).toMatchObject({ port: 9000, host: '127.0.0.1', dataDir: '/srv/from-env' })
    expect(fromEnv.limits).toMatchObject({ messagesPerSecond: 7, maxConnectionsPerIp: 3 })

    const fromFlags = readConfig(env, '/srv', [
      '--port=9100',
      '--data-dir',
      '/abs/data',
      '--messages-per-second',
      '50',
      '--max-message-bytes',
      '1048576',
      '--message-burst=5',
      '--max-pending-connections=4',
      '--max-pending-messages=6',
      '--max-unsent-bytes=2097152',
    ])
    expect(fromFlags).toMatchObject({
      port: 9100,
      host: '127.0.0.1',
      dataDir: resolve('/abs/data'),
    })
    expect(fromFlags.limits).toEqual({
      maxMessageBytes: 1_048_576,
      messagesPerSecond: 50,
      messageBurst: 5,
      maxConnectionsPerIp: 3,
      maxPendingConnections: 4,
      maxPendingMessages: 6,
      maxUnsentBytes: 2_097_152,
    })
  })

  it('refuses bad values and unknown flags, naming where the value came from', () => {
    expect(() => readConfig({ PORT: 'eighty' }, '/srv')).toThrow(/^PORT must be a port number/)
    expect(() => readConfig({}, '/srv', ['--port', '70000'])).toThrow(/^--port must be a port/)
    expect(() => readConfig({ MARGINS_MESSAGE_BURST: '0' }, '/srv')).toThrow(
      /^MARGINS_MESSAGE_BURST must be a whole number of at least 1/,
    )
    expect(() => readConfig({}, '/srv', ['--max-message-bytes=1.5'])).toThrow(/--max-message-bytes/)
    expect(() => readConfig({}, '/srv', ['--prot', '80'])).toThrow(/--prot/)
  })

  it('documents every setting in docs/server.md', async () => {
    const { readFile } = await import('node:fs/promises')
    const doc = await readFile(new URL('../../docs/server.md', import.meta.url), 'utf8')
    for (const setting of Object.values(SETTINGS)) {
      expect(doc).toContain(`| \`${setting.flag}\``)
      expect(doc).toContain(`\`${setting.env}\``)
    }
  })
})

describe('the PDF settings', () => {
  it('default to <data-dir>/blobs, 50 MiB and arxiv.org', () => {
    const config = readConfig({ MARGINS_DATA_DIR: 'store' }, '/srv')
    expect(config.blobDir).toBe(resolve('/srv/store/blobs'))
    expect(config.maxPdfBytes).toBe(50 * 1024 * 1024)
    expect(config.arxivPdfUrl).toBe('https://arxiv.org')
  })

  it('take a flag over its environment variable', () => {
    const env = {
      MARGINS_BLOB_DIR: 'pdfs',
      MARGINS_MAX_PDF_BYTES: '1048576',
      MARGINS_ARXIV_PDF_URL: 'http://mirror.example.org/arxiv/',
    }
    expect(readConfig(env, '/srv')).toMatchObject({
      blobDir: resolve('/srv/pdfs'),
      maxPdfBytes: 1_048_576,
      arxivPdfUrl: 'http://mirror.example.org/arxiv',
    })
    const flags = [
      '--blob-dir=/abs/pdfs',
      '--max-pdf-bytes',
      '2048',
      '--arxiv-pdf-url=http://127.0.0.1:9',
    ]
    expect(readConfig(env, '/srv', flags)).toMatchObject({
      blobDir: resolve('/abs/pdfs'),
      maxPdfBytes: 2048,
      arxivPdfUrl: 'http://127.0.0.1:9',
    })
  })

  it('refuse a bad size or URL, naming where it came from', () => {
    expect(() => readConfig({ MARGINS_MAX_PDF_BYTES: '0' }, '/srv')).toThrow(
      /^MARGINS_MAX_PDF_BYTES must be a whole number of at least 1/,
    )
    expect(() => readConfig({}, '/srv', ['--max-pdf-bytes=50MB'])).toThrow(/^--max-pdf-bytes/)
    expect(() => readConfig({}, '/srv', ['--arxiv-pdf-url', 'file:///etc'])).toThrow(
      /^--arxiv-pdf-url must be an http\(s\) URL/,
    )
  })
})

describe('the store and fan-out settings', () => {
  const pg = 'postgres://margins:secret@db.internal:5432/margins'
  const redisUrl = 'redis://cache.internal:6379'

  it('default to SQLite, no fan-out and PDFs in files, as `npm start` runs', () => {
    expect(readConfig({}, '/srv')).toMatchObject({
      storeKind: 'sqlite',
      databaseUrl: undefined,
      fanoutKind: 'none',
      redisUrl: undefined,
      blobStoreKind: 'file',
    })
  })

  it('take PostgreSQL and Redis from variables or flags, PDFs following the store', () => {
    const env = {
      MARGINS_STORE: 'postgres',
      MARGINS_DATABASE_URL: pg,
      MARGINS_FANOUT: 'redis',
      MARGINS_REDIS_URL: redisUrl,
    }
    expect(readConfig(env, '/srv')).toMatchObject({
      storeKind: 'postgres',
      databaseUrl: pg,
      fanoutKind: 'redis',
      redisUrl,
      blobStoreKind: 'postgres',
    })
    const flags = ['--store=postgres', `--database-url=${pg}`, '--blob-store', 'file']
    expect(readConfig({}, '/srv', flags)).toMatchObject({
      storeKind: 'postgres',
      fanoutKind: 'none',
      blobStoreKind: 'file',
    })
  })

  it('refuse a bad choice, a missing or stray URL, and fan-out without a shared store', () => {
    expect(() => readConfig({ MARGINS_STORE: 'mysql' }, '/srv')).toThrow(
      /^MARGINS_STORE must be sqlite or postgres, not "mysql"/,
    )
    expect(() => readConfig({}, '/srv', ['--fanout=kafka'])).toThrow(
      /^--fanout must be none or redis/,
    )
    expect(() => readConfig({ MARGINS_STORE: 'postgres' }, '/srv')).toThrow(
      /MARGINS_STORE=postgres needs MARGINS_DATABASE_URL/,
    )
    expect(() => readConfig({ MARGINS_DATABASE_URL: pg }, '/srv')).toThrow(
      /^MARGINS_DATABASE_URL is set, but only used with MARGINS_STORE=postgres/,
    )
    const wrongScheme = () =>
      readConfig(
        { MARGINS_STORE: 'postgres', MARGINS_DATABASE_URL: 'mysql://u:hunter2@h/db' },
        '/srv',
      )
    expect(wrongScheme).toThrow(/^MARGINS_DATABASE_URL must be a URL starting with postgres:\/\//)
    // The message never repeats the URL, which may hold a password.
    expect(wrongScheme).not.toThrow(/hunter2/)
    expect(() =>
      readConfig({ MARGINS_FANOUT: 'redis', MARGINS_REDIS_URL: redisUrl }, '/srv'),
    ).toThrow(/needs a store every node shares: set MARGINS_STORE=postgres/)
    expect(() => readConfig({ MARGINS_BLOB_STORE: 'postgres' }, '/srv')).toThrow(
      /MARGINS_BLOB_STORE=postgres needs MARGINS_STORE=postgres/,
    )
    const noRedisUrl = {
      MARGINS_STORE: 'postgres',
      MARGINS_DATABASE_URL: pg,
      MARGINS_FANOUT: 'redis',
    }
    expect(() => readConfig(noRedisUrl, '/srv')).toThrow(
      /MARGINS_FANOUT=redis needs MARGINS_REDIS_URL/,
    )
  })
})
