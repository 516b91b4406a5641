/**
 * Child process of the relay benchmark: runs some of a load's clients against one relay. Each
 * update is one new key in the doc's `bench` map whose value starts with the monotonic time it
 * was written; a client that sees the key arrive from the relay takes the difference as the
 * latency. Reports over IPC when every client here has every update of its group.
 */
import { connectClient, frameCount, type BenchClient } from './relay-client'
import {
  monotonicMs,
  type ClientSpec,
  type FromGenerator,
  type Load,
  type ToGenerator,
} from './relay-protocol'

/** Pads each value so that one update is about 100 bytes on the wire. */
const PADDING = 'x'.repeat(64)

interface Running {
  spec: ClientSpec
  client: BenchClient
  /** Keys of others it has seen arrive. */
  received: number
}

const send = (message: FromGenerator) => process.send?.(message)
let load: Load
let running: Running[] = []
const latencies: number[] = []
let lastAt = 0
let waiting = 0
let sent = 0
let lastSentAt = 0
let finish: (() => void) | undefined

function watch(entry: Running, expected: number): void {
  const bench = entry.client.doc.getMap<string>('bench')
  bench.observe((event, transaction) => {
    if (transaction.local) return
    const now = monotonicMs()
    for (const key of event.keysChanged) {
      const value = bench.get(key)
      if (value === undefined) continue
      latencies.push(now - Number.parseFloat(value))
      entry.received++
    }
    if (entry.received >= expected && expected > 0) {
      expected = 0
      lastAt = Math.max(lastAt, now)
      if (--waiting === 0) finish?.()
    }
  })
}

function write(entry: Running, seq: number): void {
  const { doc, awareness } = entry.client
  doc.getMap<string>('bench').set(`${entry.spec.clientNo}.${seq}`, `${monotonicMs()}:${PADDING}`)
  awareness?.setLocalStateField('cursor', { paper: entry.spec.clientNo, at: seq })
  sent++
  lastSentAt = monotonicMs()
}

/** Writes `load.updatesPerClient` updates from every client, each on its own schedule. */
function schedule(startAt: number): void {
  for (const entry of running) {
    const phase = (entry.spec.slot / load.clientsPerGroup) * load.intervalMs
    let seq = 0
    const next = () => {
      write(entry, seq)
      if (++seq >= load.updatesPerClient) return
      setTimeout(next, Math.max(0, startAt + phase + seq * load.intervalMs - monotonicMs()))
    }
    setTimeout(next, Math.max(0, startAt + phase - monotonicMs()))
  }
}

async function connect(message: Extract<ToGenerator, { type: 'connect' }>): Promise<void> {
  load = message.load
  process.setMaxListeners(0)
  running = message.clients.map((spec) => ({
    spec,
    client: connectClient(
      message.kind,
      message.ports[spec.clientNo % message.ports.length] as number,
      spec,
      load.presence,
    ),
    received: 0,
  }))
  const expected = load.updatesPerClient * (load.clientsPerGroup - 1)
  for (const entry of running) watch(entry, expected)
  waiting = running.length
  await Promise.all(running.map((entry) => entry.client.synced))
  send({ type: 'ready' })
}

async function go(startAt: number, deadlineMs: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - monotonicMs())))
  const cpuBefore = process.cpuUsage()
  frameCount.frames = 0
  frameCount.counting = true
  schedule(startAt)
  const converged = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), deadlineMs)
    finish = () => {
      clearTimeout(timer)
      resolve(true)
    }
    if (waiting === 0) finish()
  })
  frameCount.counting = false
  const cpu = process.cpuUsage(cpuBefore)
  const expected = load.updatesPerClient * (load.clientsPerGroup - 1)
  send({
    type: 'done',
    converged,
    missing: running.reduce((sum, entry) => sum + Math.max(0, expected - entry.received), 0),
    updatesSent: sent,
    latencies,
    lastAt,
    lastSentAt,
    frames: frameCount.frames,
    cpuMs: (cpu.user + cpu.system) / 1000,
  })
}

process.on('message', (message: ToGenerator) => {
  const task =
    message.type === 'connect'
      ? connect(message)
      : message.type === 'go'
        ? go(message.startAt, message.deadlineMs)
        : Promise.all(running.map((entry) => entry.client.destroy())).then(() => {
            process.send?.({ type: 'left' } satisfies FromGenerator, () => process.exit(0))
          })
  task.catch((error: unknown) => {
    send({ type: 'failed', message: String(error) })
    process.exit(1)
  })
})
