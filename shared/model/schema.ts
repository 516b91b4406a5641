/**
 * Schema versions and migrations.
 *
 * `meta.schemaVersion` says which layout a group document uses. A replica that finds a newer
 * version than it knows refuses to write (SchemaTooNewError) so that it can never damage data it
 * does not understand; it can still read what it recognizes. To change the layout:
 *   1. bump SCHEMA_VERSION in keys.ts;
 *   2. add a migration { to, run } below; `run` must be deterministic and idempotent, because
 *      several replicas may migrate the same document concurrently and their writes merge;
 *   3. prefer additive changes (new keys) that old readers ignore;
 *   4. add a test that migrates a document written by the previous version.
 * See docs/data-model.md.
 */
import type * as Y from 'yjs'
import { META, SCHEMA_VERSION, roots } from './keys'
import { NotInitializedError, SchemaTooNewError } from './errors'

/** One step of the migration path. */
export interface Migration {
  /** The version the document has after `run`. */
  to: number
  run(doc: Y.Doc): void
}

/** The migration path, oldest first. Version 1 is the first layout, so nothing migrates yet. */
export const MIGRATIONS: readonly Migration[] = []

/** The document's schema version, or undefined when it holds no group yet. */
export function schemaVersionOf(doc: Y.Doc): number | undefined {
  const version = roots(doc).meta.get(META.schemaVersion)
  return typeof version === 'number' && Number.isInteger(version) && version > 0
    ? version
    : undefined
}

/** Throws unless the document holds a group this code may write. */
export function assertWritable(doc: Y.Doc): void {
  const version = schemaVersionOf(doc)
  if (version === undefined) throw new NotInitializedError()
  if (version > SCHEMA_VERSION) throw new SchemaTooNewError(version, SCHEMA_VERSION)
}

/**
 * Brings an older document up to SCHEMA_VERSION, in one transaction. Returns the version it
 * found. Throws SchemaTooNewError for a newer document and NotInitializedError for an empty one.
 */
export function migrate(doc: Y.Doc, migrations: readonly Migration[] = MIGRATIONS): number {
  const found = schemaVersionOf(doc)
  if (found === undefined) throw new NotInitializedError()
  const target = Math.max(SCHEMA_VERSION, ...migrations.map((m) => m.to))
  if (found > target) throw new SchemaTooNewError(found, target)
  const pending = migrations.filter((m) => m.to > found).sort((a, b) => a.to - b.to)
  if (pending.length === 0) return found
  doc.transact(() => {
    for (const step of pending) {
      step.run(doc)
      roots(doc).meta.set(META.schemaVersion, step.to)
    }
  })
  return found
}
