import type { ServerMetrics } from './metrics'
import type { DocStore } from './store/doc-store'

/**
 * A {@link DocStore} decorator that times every call (labelled by method name) and counts what
 * `append` stores, so the rooms are measured without knowing it. Written as a proxy so that it
 * keeps up with every method of the interface; `close` passes through untimed.
 */
export function withStoreMetrics(store: DocStore, metrics: ServerMetrics): DocStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver)
      if (typeof value !== 'function' || property === 'close') return value
      const operation = String(property)
      return async (...args: unknown[]) => {
        const start = performance.now()
        let failed = true
        try {
          const result: unknown = await value.apply(target, args)
          failed = false
          const update = args[1]
          if (operation === 'append' && update instanceof Uint8Array) {
            metrics.updatesStored++
            metrics.bytesStored += update.byteLength
          }
          return result
        } finally {
          metrics.stored(operation, (performance.now() - start) / 1000, failed)
        }
      }
    },
  })
}
