import { expect } from 'vitest'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { createGroupKeys, type GroupKeys } from '../../shared/invite'
import type { SyncServerOptions } from '../../server/sync-server'
import { startTestServer, type TestServer } from './sync-test-server'
import { useTempDir } from './temp-dir'

/** A test server with its blob directory and request helpers for the PDF endpoints. */
export interface BlobServer extends TestServer {
  dataDir: string
  blobDir: string
  /** `POST /api/groups/<groupId>/pdfs` with `bytes` as the body, the key as a Bearer token. */
  upload(
    groupId: string,
    token: string | undefined,
    bytes: Uint8Array<ArrayBuffer>,
    init?: RequestInit,
  ): Promise<Response>
  /** `GET` (or `init.method`) of `/api/groups/<groupId>/pdfs/<hash>`. */
  pdf(
    groupId: string,
    token: string | undefined,
    hash: string,
    init?: RequestInit,
  ): Promise<Response>
  /** `POST /api/groups/<groupId>/arxiv-pdf/<id>`. */
  fetchArxiv(groupId: string, token: string | undefined, id: string): Promise<Response>
  /** The blob files on disk (`ab/abcd…`), sorted. */
  blobFiles(): Promise<string[]>
  /** Whatever waits in the staging area. */
  stagedFiles(): Promise<string[]>
}

/** A directory the store has not made yet (it opens on first use) holds nothing. */
function orNothing(error: NodeJS.ErrnoException): never[] {
  if (error.code === 'ENOENT') return []
  throw error
}

const bearer = (token: string | undefined): Record<string, string> =>
  token === undefined ? {} : { Authorization: `Bearer ${token}` }

/** Starts a server on a fresh data directory, closed when the test finishes. */
export async function startBlobServer(
  options: Partial<Omit<SyncServerOptions, 'port' | 'host' | 'log'>> = {},
): Promise<BlobServer> {
  const dataDir = await useTempDir()
  const test = await startTestServer({ dataDir, ...options })
  const blobDir = options.blobDir ?? join(dataDir, 'blobs')
  const base = `${test.server.url}/api/groups`
  return {
    ...test,
    dataDir,
    blobDir,
    upload: (groupId, token, bytes, init = {}) =>
      fetch(`${base}/${groupId}/pdfs`, {
        method: 'POST',
        body: bytes,
        ...init,
        headers: { 'Content-Type': 'application/pdf', ...bearer(token), ...init.headers },
      }),
    pdf: (groupId, token, hash, init = {}) =>
      fetch(`${base}/${groupId}/pdfs/${hash}`, {
        ...init,
        headers: { ...bearer(token), ...init.headers },
      }),
    fetchArxiv: (groupId, token, id) =>
      fetch(`${base}/${groupId}/arxiv-pdf/${id}`, { method: 'POST', headers: bearer(token) }),
    blobFiles: async () => {
      const entries = await readdir(blobDir, { recursive: true, withFileTypes: true }).catch(
        orNothing,
      )
      return entries
        .filter((entry) => entry.isFile() && /^[0-9a-f]{64}$/.test(entry.name))
        .map((entry) => join(entry.parentPath.slice(blobDir.length + 1), entry.name))
        .sort()
    },
    stagedFiles: () => readdir(join(blobDir, 'staging')).catch(orNothing),
  }
}

/** Keys of a fresh group. */
export const newGroup = (): GroupKeys => createGroupKeys()

/** The `error` message of a JSON refusal. */
export async function errorOf(response: Response): Promise<string> {
  expect(response.headers.get('content-type')).toMatch(/^application\/json/)
  return ((await response.json()) as { error: string }).error
}

/** The body of a successful upload or arXiv fetch. */
export interface StoredAnswer {
  sha256: string
  size: number
  new: boolean
}
