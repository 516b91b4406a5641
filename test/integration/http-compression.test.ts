import { mkdir, writeFile } from 'node:fs/promises'
import { get, type IncomingHttpHeaders } from 'node:http'
import { join } from 'node:path'
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { startTestServer } from '../helpers/sync-test-server'
import { useTempDir } from '../helpers/temp-dir'

const SCRIPT = `export const papers = [${'"A reading group paper", '.repeat(200)}]\n`
const INDEX_HTML = `<!doctype html><title>Margins</title>${'<!-- shell -->'.repeat(100)}`

/** A fake build with Brotli and gzip copies, as vite.config.ts writes them. */
async function compressedBuild(): Promise<string> {
  const dir = await useTempDir('margins-dist-')
  await mkdir(join(dir, 'assets'))
  const files: [string, string][] = [
    ['assets/index-AbCd1234.js', SCRIPT],
    ['index.html', INDEX_HTML],
  ]
  for (const [path, text] of files) {
    await writeFile(join(dir, path), text)
    await writeFile(join(dir, `${path}.br`), brotliCompressSync(text))
    await writeFile(join(dir, `${path}.gz`), gzipSync(text))
  }
  return dir
}

/** The raw bytes and headers of a GET, undecoded (fetch would decode them). */
function rawGet(
  url: string,
  acceptEncoding?: string,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const headers = acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      )
      res.on('error', reject)
    }).on('error', reject)
  })
}

describe('HTTP compression of the app', () => {
  it('sends the Brotli copy of a script to a browser that accepts it, the same bytes once decoded', async () => {
    const { server } = await startTestServer({
      dataDir: await useTempDir(),
      staticDir: await compressedBuild(),
    })
    const url = `${server.url}/assets/index-AbCd1234.js`
    const brotli = await rawGet(url, 'gzip, deflate, br')
    expect(brotli.status).toBe(200)
    expect(brotli.headers['content-encoding']).toBe('br')
    expect(brotli.headers['content-type']).toMatch(/javascript/)
    expect(brotli.headers['vary']).toMatch(/accept-encoding/i)
    expect(brotli.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(brotli.body.byteLength).toBeLessThan(Buffer.byteLength(SCRIPT))
    expect(brotliDecompressSync(brotli.body).toString()).toBe(SCRIPT)

    const gzip = await rawGet(url, 'gzip')
    expect(gzip.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(gzip.body).toString()).toBe(SCRIPT)

    const plain = await rawGet(url)
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body.toString()).toBe(SCRIPT)
  })

  it('sends the app shell compressed for app routes too, with its security headers', async () => {
    const { server } = await startTestServer({
      dataDir: await useTempDir(),
      staticDir: await compressedBuild(),
    })
    const route = await rawGet(`${server.url}/group/some/deep/link`, 'br')
    expect(route.status).toBe(200)
    expect(route.headers['content-encoding']).toBe('br')
    expect(route.headers['content-type']).toMatch(/^text\/html/)
    expect(route.headers['content-security-policy']).toContain(
      "script-src 'self' 'wasm-unsafe-eval'",
    )
    expect(brotliDecompressSync(route.body).toString()).toBe(INDEX_HTML)
  })
})
