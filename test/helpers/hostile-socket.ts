import { connect } from 'node:net'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { WebSocket } from 'ws'
import { MESSAGE_SYNC } from '../../server/protocol'
import { decodeRoomMessage } from '../../server/room-messages'
import type { HostileFrame } from './hostile-frames'

/** Where a hostile socket connects, and from which loopback address. */
export interface HostileTarget {
  origin: string
  groupId: string
  token: string
  /** A 127.x.y.z address to connect from, so that per-address limits see it apart. */
  localAddress: string
}

/** How a hostile connection ended. */
export type Outcome =
  /** The upgrade was answered with this HTTP status. */
  | { type: 'refused'; status: number }
  /** The server closed the WebSocket with this code. */
  | { type: 'closed'; code: number }
  /** The server answered a sync step 1 sent after every frame: it handled them and kept going. */
  | { type: 'kept' }
  /** Neither answered nor closed in time. */
  | { type: 'hung' }

/** Options of {@link runHostileConnection}. */
export interface RunOptions {
  /** Send at once on open instead of after the server's greeting (its sync step 1). */
  beforeGreeting?: boolean
  /** Give up after this long without an answer or a close. Default 5 s. */
  timeoutMs?: number
}

const FRAGMENT_BYTES = 32 * 1024

function syncUrl(target: HostileTarget): string {
  return `${target.origin.replace(/^http/, 'ws')}/sync/${target.groupId}?token=${target.token}`
}

function isSync(data: Buffer, syncType: number): boolean {
  return data.length > 1 && data[0] === MESSAGE_SYNC && data[1] === syncType
}

/** A sync step 1 with `stateVector`: the server answers it with a step 2, and only it does. */
function stepOne(stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_SYNC)
  encoding.writeVarUint(encoder, 0)
  encoding.writeVarUint8Array(encoder, stateVector)
  return encoding.toUint8Array(encoder)
}

/** Step 1 frames among `frames` that the server answers if it gets that far. */
function answeredFrames(frames: readonly HostileFrame[]): number {
  return frames.filter((frame) => {
    if (typeof frame.data === 'string') return false
    try {
      return decodeRoomMessage(frame.data).type === 'sync-step-1'
    } catch {
      return false
    }
  }).length
}

function send(socket: WebSocket, frame: HostileFrame): void {
  const { data } = frame
  if (typeof data === 'string' || !frame.fragmented) {
    socket.send(data)
    return
  }
  for (let at = 0; at < data.length; at += FRAGMENT_BYTES) {
    socket.send(data.subarray(at, at + FRAGMENT_BYTES), { fin: at + FRAGMENT_BYTES >= data.length })
  }
}

/**
 * Opens a sync socket, sends `frames` once the server greets it, then a sync step 1 as a probe,
 * and resolves with how the connection ended. The server handles a member's frames in order,
 * so an answer to the probe means it dealt with every frame and kept the connection; the
 * socket is then closed from this side.
 */
export function runHostileConnection(
  target: HostileTarget,
  frames: readonly HostileFrame[],
  options: RunOptions = {},
): Promise<Outcome> {
  const socket = new WebSocket(syncUrl(target), { localAddress: target.localAddress })
  let answersDue = answeredFrames(frames) + 1
  return new Promise<Outcome>((resolve) => {
    const timer = setTimeout(() => finish({ type: 'hung' }), options.timeoutMs ?? 5_000)
    const finish = (outcome: Outcome) => {
      clearTimeout(timer)
      resolve(outcome)
      if (socket.readyState === WebSocket.OPEN) socket.close(1000)
      setTimeout(() => socket.terminate(), 1_000).unref()
    }
    const sendAll = (stateVector: Uint8Array) => {
      for (const frame of frames) send(socket, frame)
      socket.send(stepOne(stateVector))
    }
    let greeted = false
    socket.on('error', () => {})
    socket.on('unexpected-response', (_request, response) => {
      finish({ type: 'refused', status: response.statusCode ?? 0 })
    })
    socket.on('open', () => {
      if (options.beforeGreeting) sendAll(new Uint8Array([0]))
    })
    socket.on('message', (data: Buffer) => {
      if (!greeted && isSync(data, 0)) {
        greeted = true
        if (options.beforeGreeting) return
        const decoder = decoding.createDecoder(new Uint8Array(data))
        decoding.readVarUint(decoder)
        decoding.readVarUint(decoder)
        sendAll(decoding.readVarUint8Array(decoder))
      } else if (isSync(data, 1) && --answersDue === 0) {
        finish({ type: 'kept' })
      }
    })
    socket.on('close', (code) => finish({ type: 'closed', code }))
  })
}

/** A socket held open (or refused) for a limit on connections. */
export interface HeldSocket {
  outcome: Promise<Outcome | { type: 'open' }>
  close(): void
}

/**
 * Opens a sync socket and leaves it open without sending anything: `outcome` resolves with
 * `open` once the upgrade succeeded, or with how it was refused.
 */
export function holdSocket(target: HostileTarget): HeldSocket {
  const socket = new WebSocket(syncUrl(target), { localAddress: target.localAddress })
  socket.on('error', () => {})
  const outcome = new Promise<Outcome | { type: 'open' }>((resolve) => {
    socket.on('unexpected-response', (_request, response) => {
      resolve({ type: 'refused', status: response.statusCode ?? 0 })
      socket.terminate()
    })
    socket.on('open', () => resolve({ type: 'open' }))
    socket.on('close', (code) => resolve({ type: 'closed', code }))
  })
  return { outcome, close: () => socket.terminate() }
}

/**
 * Sends an upgrade request for `target`, byte for byte (raw UTF-8, NUL, anything), and resolves
 * with the HTTP status of the answer, `dropped` when the server closed without one, or `hung`
 * after `timeoutMs` without either.
 */
export function rawUpgrade(
  port: number,
  target: string | Buffer,
  timeoutMs = 5_000,
): Promise<number | 'dropped' | 'hung'> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      resolve('hung')
      socket.destroy()
    }, timeoutMs)
    const socket = connect(port, '127.0.0.1', () => {
      const head =
        ' HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n' +
        'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n'
      socket.write(Buffer.concat([Buffer.from('GET '), Buffer.from(target), Buffer.from(head)]))
    })
    let answer = ''
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1')
      const status = /^HTTP\/1\.1 (\d{3})/.exec(answer)
      if (status) {
        resolve(Number(status[1]))
        socket.destroy()
      }
    })
    socket.on('error', () => resolve('dropped'))
    socket.on('close', () => {
      clearTimeout(timer)
      resolve('dropped')
    })
  })
}
