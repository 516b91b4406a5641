import * as Y from 'yjs'
import { isNotesName } from '../../shared/model/keys'

/** A JSON string of a document's content with object keys sorted, to compare replicas. */
export function canonical(doc: Y.Doc): string {
  const sort = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(sort)
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((key) => [key, sort((value as Record<string, unknown>)[key])]),
      )
    }
    return value
  }
  const roots: Record<string, unknown> = {}
  // A root that a replica merely looked at exists there empty; it is the same content as none.
  for (const name of doc.share.keys()) {
    // Meeting notes are top-level texts; every other root is a map.
    const content = isNotesName(name) ? doc.getText(name).toString() : doc.getMap(name).toJSON()
    if (Object.keys(content).length > 0) roots[name] = content
  }
  return JSON.stringify(sort(roots))
}

/** Records every update a replica makes from now on, so that tests can deliver them at will. */
export function recordUpdates(doc: Y.Doc): Uint8Array[] {
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  return updates
}

/** Brings every replica up to date with every other by exchanging full diffs. */
export function syncAll(docs: Y.Doc[]): void {
  for (const from of docs) {
    for (const to of docs) {
      if (from !== to) Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)))
    }
  }
}

/** Every ordering of `items`. */
export function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [items.slice()]
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  )
}
