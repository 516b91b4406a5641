import { request } from 'node:http'
import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseInviteLink } from '../../shared/invite'
import { minimalPdf, sha256Hex } from '../fixtures/pdf'
import { startServerProcess } from '../helpers/server-process'
import { useTempDir } from '../helpers/temp-dir'

const READY = /read-only: +(http:\/\/\S+)/

/** The app URL and the demo group's keys that `server/index.ts` prints at start. */
function demoOf(output: string) {
  const url = /Margins is running at (http:\/\/\S+)/.exec(output)?.[1]
  const invite = parseInviteLink(/read-write: +(http:\/\/\S+)/.exec(output)?.[1] ?? '')
  if (!url || !invite) throw new Error(`no links printed:\n${output}`)
  return { url, groupId: invite.groupId, key: invite.key }
}

/** The sizes of the files in a directory, or [] when it does not exist. */
async function sizesIn(dir: string): Promise<number[]> {
  const names = await readdir(dir).catch(() => [])
  return Promise.all(names.map(async (name) => (await stat(join(dir, name))).size))
}

describe('a server killed in the middle of an upload', () => {
  it('never shows the cut-off PDF, clears its staged bytes, and takes the whole PDF after', async () => {
    const dataDir = await useTempDir()
    const env = { PORT: '0', HOST: '127.0.0.1', MARGINS_DATA_DIR: dataDir }
    const blobDir = join(dataDir, 'blobs')
    const first = await startServerProcess(env, READY)
    const demo = demoOf(first.output())
    const pdf = minimalPdf({ padding: 512 * 1024 })
    const half = Math.floor(pdf.byteLength / 2)
    const hash = sha256Hex(pdf)
    const uploadUrl = `${demo.url}/api/groups/${demo.groupId}/pdfs`

    // Half the PDF, then nothing more: the server holds a staged file of what it got.
    const upload = request(uploadUrl, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${demo.key}`,
        'Content-Type': 'application/pdf',
        'Content-Length': String(pdf.byteLength),
      },
    })
    upload.on('error', () => undefined)
    upload.write(pdf.subarray(0, half))
    await expect
      .poll(async () => (await sizesIn(join(blobDir, 'staging')))[0], { timeout: 10_000 })
      .toBe(half)
    first.child.kill('SIGKILL')
    await first.exited
    upload.destroy()

    const second = await startServerProcess(env, READY)
    const again = demoOf(second.output())
    const read = await fetch(`${again.url}/api/groups/${again.groupId}/pdfs/${hash}`, {
      headers: { Authorization: `Bearer ${again.key}` },
    })
    expect(read.status).toBe(404)
    expect(await sizesIn(join(blobDir, 'staging'))).toEqual([])
    expect(await sizesIn(join(blobDir, hash.slice(0, 2)))).toEqual([])

    const whole = await fetch(`${again.url}/api/groups/${again.groupId}/pdfs`, {
      method: 'POST',
      body: pdf,
      headers: { Authorization: `Bearer ${again.key}`, 'Content-Type': 'application/pdf' },
    })
    expect(whole.status).toBe(201)
    const back = await fetch(`${again.url}/api/groups/${again.groupId}/pdfs/${hash}`, {
      headers: { Authorization: `Bearer ${again.key}` },
    })
    expect(new Uint8Array(await back.arrayBuffer())).toEqual(pdf)
    second.child.kill('SIGTERM')
    expect(await second.exited).toBe(0)
  })
})
