import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { persistLocally } from '../../client/data/local-store'
import { readAhead } from '../../client/data/stored-copy'

async function store(name: string, text: string): Promise<void> {
  const doc = new Y.Doc()
  const local = persistLocally(name, doc)
  await local.whenSynced
  doc.getText('notes').insert(0, text)
  await local.destroy()
}

async function load(name: string): Promise<string> {
  const doc = new Y.Doc()
  const local = persistLocally(name, doc)
  await local.whenSynced
  await local.destroy()
  return doc.getText('notes').toString()
}

describe('reading a stored copy ahead of the document', () => {
  it('loads what was stored, and each read ahead serves one load only', async () => {
    await store('read-ahead-test-1', 'kept ')
    readAhead('read-ahead-test-1')
    expect(await load('read-ahead-test-1')).toBe('kept ')

    // Stored after the read ahead was taken: the next load reads the database again.
    await store('read-ahead-test-1', 'and more ')
    expect(await load('read-ahead-test-1')).toBe('and more kept ')
  })

  it('loads from the network alone when IndexedDB refuses to open', async () => {
    const open = IDBFactory.prototype.open
    IDBFactory.prototype.open = () => {
      throw new DOMException('blocked', 'SecurityError')
    }
    try {
      readAhead('read-ahead-test-2')
      const doc = new Y.Doc()
      const local = persistLocally('read-ahead-test-2', doc)
      expect(await local.available).toBe(false)
      await local.whenSynced
      await local.destroy()
    } finally {
      IDBFactory.prototype.open = open
    }
  })
})
