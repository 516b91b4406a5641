import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { keysFromWriteKey } from '../../shared/invite'

describe('docs/access.md', () => {
  it('gives test vectors that the implementation reproduces', async () => {
    const doc = await readFile(new URL('../../docs/access.md', import.meta.url), 'utf8')
    const rows = [...doc.matchAll(/^\| `([\w-]{22})` +\| `([\w-]{22})` +\| `([\w-]{22})` +\|$/gm)]
    expect(rows.length).toBeGreaterThanOrEqual(2)
    for (const [, writeKey, readKey, groupId] of rows) {
      expect(keysFromWriteKey(writeKey!)).toEqual({ writeKey, readKey, groupId })
    }
  })
})
