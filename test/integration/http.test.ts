import { mkdir, writeFile } from 'node:fs/promises'
import { connect } from 'node:net'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startTestServer } from '../helpers/sync-test-server'
import { useTempDir } from '../helpers/temp-dir'

const INDEX_HTML =
  '<!doctype html><title>Margins</title><script type="module" src="/assets/index-AbCd1234.js"></script>'

/** A fake Vite build: index.html, one hashed asset, one unhashed public file. */
async function fakeBuild(): Promise<string> {
  const dir = await useTempDir('margins-dist-')
  await mkdir(join(dir, 'assets'))
  await writeFile(join(dir, 'index.html'), INDEX_HTML)
  await writeFile(join(dir, 'assets', 'index-AbCd1234.js'), 'console.log("app")')
  await writeFile(join(dir, 'manifest.webmanifest'), '{"name":"Margins"}')
  return dir
}

describe('HTTP', () => {
  it('serves the app with a CSP that forbids inline script and style and foreign sockets, and a security header set', async () => {
    const { server } = await startTestServer({
      dataDir: await useTempDir(),
      staticDir: await fakeBuild(),
    })
    const response = await fetch(`${server.url}/`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/html/)
    expect(await response.text()).toBe(INDEX_HTML)
    const directives = (response.headers.get('content-security-policy') ?? '').split('; ')
    expect(directives).toContain("script-src 'self' 'wasm-unsafe-eval'")
    expect(directives).toContain("style-src 'self'")
    // Sync goes to this origin only: no `ws:`/`wss:` source, which would allow any host.
    expect(directives).toContain("connect-src 'self'")
    expect(directives).toContain("frame-ancestors 'none'")
    expect(directives.join('; ')).not.toMatch(/unsafe-inline|'unsafe-eval'|ws:|wss:|\*/)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('referrer-policy')).toBe('no-referrer')
    expect(response.headers.get('cache-control')).toBe('no-cache')
  })

  it('falls back to index.html for app routes, but not for missing files', async () => {
    const { server } = await startTestServer({
      dataDir: await useTempDir(),
      staticDir: await fakeBuild(),
    })
    const route = await fetch(`${server.url}/group/some/deep/link?x=1`)
    expect(route.status).toBe(200)
    expect(await route.text()).toBe(INDEX_HTML)
    expect(route.headers.get('content-security-policy')).toContain(
      "script-src 'self' 'wasm-unsafe-eval'",
    )
    expect(route.headers.get('cache-control')).toBe('no-cache')

    expect((await fetch(`${server.url}/missing.js`)).status).toBe(404)
    expect((await fetch(`${server.url}/assets/index-Missing1.js`)).status).toBe(404)
    expect((await fetch(`${server.url}/assets/no-extension`)).status).toBe(404)
  })

  it('caches hashed assets forever and everything else only with revalidation', async () => {
    const { server } = await startTestServer({
      dataDir: await useTempDir(),
      staticDir: await fakeBuild(),
    })
    const asset = await fetch(`${server.url}/assets/index-AbCd1234.js`)
    expect(asset.status).toBe(200)
    expect(asset.headers.get('content-type')).toMatch(/javascript/)
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    const manifest = await fetch(`${server.url}/manifest.webmanifest`)
    expect(manifest.headers.get('cache-control')).toBe('no-cache')
    const etag = manifest.headers.get('etag') ?? ''
    expect(etag).not.toBe('')
    const again = await fetch(`${server.url}/manifest.webmanifest`, {
      headers: { 'if-none-match': etag },
    })
    expect(again.status).toBe(304)
  })

  it('answers /healthz, 404 JSON for unknown /api/ paths, and 426 for plain requests to /sync/', async () => {
    const { server } = await startTestServer({
      dataDir: await useTempDir(),
      staticDir: await fakeBuild(),
    })
    const health = await fetch(`${server.url}/healthz`)
    expect(health.status).toBe(200)
    expect(await health.json()).toEqual({
      ok: true,
      uptimeSeconds: expect.any(Number),
      roomsLoaded: 0,
      connections: 0,
      pendingConnections: 0,
    })
    expect(health.headers.get('content-security-policy')).toContain(
      "script-src 'self' 'wasm-unsafe-eval'",
    )

    const api = await fetch(`${server.url}/api/nothing-here`)
    expect(api.status).toBe(404)
    expect(api.headers.get('content-type')).toMatch(/^application\/json/)
    expect(await api.json()).toEqual({ error: 'not-found' })

    expect((await fetch(`${server.url}/sync/AAAAAAAAAAAAAAAAAAAAAA`)).status).toBe(426)
    expect((await fetch(`${server.url}/`, { method: 'POST' })).status).toBe(405)
  })

  it('still answers the API when there is no client build', async () => {
    const empty = await useTempDir('margins-empty-dist-')
    const { server, logs } = await startTestServer({
      dataDir: await useTempDir(),
      staticDir: empty,
    })
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
    expect((await fetch(`${server.url}/`)).status).toBe(404)
    expect(logs.join('\n')).toContain('no index.html')
  })
})

/** Sends raw bytes and returns the status line of the answer: for targets fetch cannot send. */
function rawRequest(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request))
    let answer = ''
    socket.on('data', (chunk) => (answer += chunk.toString()))
    socket.on('end', () => resolve(answer.split('\r\n')[0] ?? ''))
    socket.on('error', reject)
  })
}

describe('HTTP with unparsable request targets', () => {
  it('answers 400 to a plain request and to an upgrade, and keeps running', async () => {
    const { server } = await startTestServer({ dataDir: await useTempDir() })
    const plain = await rawRequest(
      server.port,
      'GET //[ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    )
    expect(plain).toBe('HTTP/1.1 400 Bad Request')
    const upgrade = await rawRequest(
      server.port,
      'GET //[ HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n' +
        'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
    )
    expect(upgrade).toBe('HTTP/1.1 400 Bad Request')
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
  })
})
