/**
 * The sync server of the soak test, in a process of its own (started by `soak-server.ts` with
 * `--expose-gc`), so that its heap, CPU and handles are measured apart from the load generator.
 * Takes its options as one JSON argument; the log goes to stdout, one JSON object per line.
 * Answers `probe` and `close` requests over the IPC channel; once closed it lets go of the
 * channel and must exit by itself, which it cannot while any handle is left open.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { getHeapCodeStatistics } from 'node:v8'
import { createSyncServer, type SyncServerOptions } from '../../server/sync-server'
import type { SoakProbe, SoakRequest, SoakServerOptions } from './soak-server'

function send(message: unknown): void {
  process.send?.(message)
}

async function collectGarbage(): Promise<void> {
  const gc = globalThis.gc
  if (!gc) throw new Error('soak server child started without --expose-gc')
  for (let i = 0; i < 3; i++) {
    gc()
    await new Promise((resolve) => setImmediate(resolve))
  }
}

function activeResources(): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const type of process.getActiveResourcesInfo()) counts[type] = (counts[type] ?? 0) + 1
  return counts
}

/**
 * `heapUsed` without what V8 keeps for compiled code (bytecode, machine code and their
 * metadata): that part grows as V8 optimises more of the server over a run and is no leak.
 */
function heapWithoutCode(heapUsed: number): number {
  const code = getHeapCodeStatistics()
  return heapUsed - code.code_and_metadata_size - code.bytecode_and_metadata_size
}

const loop = monitorEventLoopDelay({ resolution: 10 })

async function probe(request: Extract<SoakRequest, { type: 'probe' }>): Promise<SoakProbe> {
  if (request.collect) await collectGarbage()
  const memory = process.memoryUsage()
  const cpu = process.cpuUsage()
  const result: SoakProbe = {
    heapUsed: memory.heapUsed,
    heapWithoutCode: heapWithoutCode(memory.heapUsed),
    rss: memory.rss,
    cpuMicros: cpu.user + cpu.system,
    loopDelayP99Ms: loop.percentile(99) / 1e6,
    loopDelayMaxMs: loop.max / 1e6,
    resources: activeResources(),
  }
  if (request.resetLoopDelay) loop.reset()
  return result
}

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as SoakServerOptions
  const serverOptions: SyncServerOptions = {
    ...options,
    host: '127.0.0.1',
    port: 0,
    log: (line) => process.stdout.write(`${line}\n`),
  }
  const server = await createSyncServer(serverOptions)
  loop.enable()
  process.on('message', (request: SoakRequest) => {
    if (request.type === 'probe') {
      void probe(request).then((result) => send({ id: request.id, result }))
    } else {
      loop.disable()
      void server.close().then(() => {
        send({ id: request.id, result: null })
        process.disconnect()
      })
    }
  })
  send({ type: 'ready', url: server.url })
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
