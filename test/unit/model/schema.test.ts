import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  NotInitializedError,
  SCHEMA_VERSION,
  SchemaTooNewError,
  addPaper,
  migrate,
  readGroup,
  schemaVersionOf,
} from '../../../shared/model'
import { ADA, groupDoc, paperInput } from '../../fixtures/group'

describe('schema version', () => {
  it('is written when a group is created', () => {
    expect(schemaVersionOf(groupDoc())).toBe(SCHEMA_VERSION)
  })

  it('refuses writes to a document of a newer schema, which could be damaged', () => {
    const doc = groupDoc()
    doc.getMap('meta').set('schemaVersion', SCHEMA_VERSION + 1)
    expect(() => addPaper(doc, ADA, paperInput())).toThrow(SchemaTooNewError)
    expect(readGroup(doc)?.name).toBe('Vision reading group')
  })

  it('migrates an older document step by step, once, and records the version', () => {
    const doc = groupDoc()
    const ran: number[] = []
    const steps = [
      { to: SCHEMA_VERSION + 2, run: () => ran.push(SCHEMA_VERSION + 2) },
      {
        to: SCHEMA_VERSION + 1,
        run: (d: Y.Doc) => (ran.push(SCHEMA_VERSION + 1), d.getMap('x').set('y', 1)),
      },
    ]
    expect(migrate(doc, steps)).toBe(SCHEMA_VERSION)
    expect(ran).toEqual([SCHEMA_VERSION + 1, SCHEMA_VERSION + 2])
    expect(schemaVersionOf(doc)).toBe(SCHEMA_VERSION + 2)
    expect(migrate(doc, steps)).toBe(SCHEMA_VERSION + 2)
    expect(ran).toHaveLength(2)
  })

  it('has nothing to migrate for the current version, and refuses empty or newer documents', () => {
    expect(migrate(groupDoc())).toBe(SCHEMA_VERSION)
    expect(() => migrate(new Y.Doc())).toThrow(NotInitializedError)
    const newer = groupDoc()
    newer.getMap('meta').set('schemaVersion', SCHEMA_VERSION + 1)
    expect(() => migrate(newer)).toThrow(SchemaTooNewError)
  })
})
