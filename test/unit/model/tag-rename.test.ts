import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import fc from 'fast-check'
import {
  NotFoundError,
  ValidationError,
  addPaper,
  addTag,
  readLibrary,
  readTagAliases,
  removeTag,
  renameTag,
  tagCounts,
  tagsOf,
  type Actor,
  type TagAlias,
} from '../../../shared/model'
import { roots } from '../../../shared/model/keys'
import { tagResolver } from '../../../shared/model/tag-aliases'
import { ADA, BEN, CAY, groupDoc, paperInput, replicaOf } from '../../fixtures/group'
import { canonical, syncAll } from '../../helpers/replicas'

function setup(options: { withCay?: boolean } = {}) {
  const doc = groupDoc(options)
  const ids = ['Paper A', 'Paper B', 'Paper C'].map(
    (title) => addPaper(doc, ADA, paperInput({ title })).paper.id,
  )
  return { doc, ids: ids as [string, string, string] }
}

const names = (doc: Y.Doc, paperId: string) => tagsOf(doc, paperId).map((t) => t.tag)
const libraryTags = (doc: Y.Doc) =>
  Object.fromEntries(readLibrary(doc).map((entry) => [entry.paper.id, entry.tags]))
const later = (actor: Actor, seconds: number): Actor => ({
  ...actor,
  now: actor.now! + seconds * 1000,
})

describe('renameTag', () => {
  it('renames a tag on every paper as one change, keeping who tagged first', () => {
    const { doc, ids } = setup()
    addTag(doc, ADA, ids[0], 'rl')
    addTag(doc, BEN, ids[1], 'rl')
    let updates = 0
    doc.on('update', () => updates++)
    expect(renameTag(doc, BEN, ' RL ', 'Reinforcement  Learning')).toBe('reinforcement learning')
    expect(updates).toBe(1)
    expect(tagsOf(doc, ids[0])).toEqual([
      { tag: 'reinforcement learning', addedBy: 'ada', addedAt: ADA.now },
    ])
    expect(tagCounts(doc)).toEqual([{ tag: 'reinforcement learning', count: 2 }])
    expect(libraryTags(doc)[ids[1]]).toEqual(['reinforcement learning'])
    expect([...readTagAliases(doc).values()]).toEqual([
      { from: 'rl', to: 'reinforcement learning', by: 'ben', at: BEN.now },
    ])
  })

  it('tags with the new name when a member later types the old one', () => {
    const { doc, ids } = setup()
    addTag(doc, ADA, ids[0], 'rl')
    renameTag(doc, ADA, 'rl', 'reinforcement learning')
    expect(addTag(doc, BEN, ids[1], 'RL').tag).toBe('reinforcement learning')
    expect(addTag(doc, BEN, ids[0], 'rl')).toEqual({
      tag: 'reinforcement learning',
      addedBy: 'ada',
      addedAt: ADA.now,
    })
    expect(tagCounts(doc)).toEqual([{ tag: 'reinforcement learning', count: 2 }])
  })

  it('merges into an existing tag: counts add up and a paper with both shows it once', () => {
    const { doc, ids } = setup()
    addTag(doc, ADA, ids[0], 'rl')
    addTag(doc, BEN, ids[1], 'rl')
    addTag(doc, ADA, ids[1], 'reinforcement learning')
    addTag(doc, ADA, ids[2], 'reinforcement learning')
    addTag(doc, ADA, ids[2], 'vision')
    expect(renameTag(doc, ADA, 'rl', 'reinforcement learning')).toBe('reinforcement learning')
    expect(tagCounts(doc)).toEqual([
      { tag: 'reinforcement learning', count: 3 },
      { tag: 'vision', count: 1 },
    ])
    // Ada's tag under the new name came first (ADA.now < BEN.now).
    expect(tagsOf(doc, ids[1])).toEqual([
      { tag: 'reinforcement learning', addedBy: 'ada', addedAt: ADA.now },
    ])
    expect(libraryTags(doc)[ids[1]]).toEqual(['reinforcement learning'])
  })

  it('resolves a chain of renames to its end', () => {
    const { doc, ids } = setup()
    addTag(doc, ADA, ids[0], 'a')
    addTag(doc, ADA, ids[1], 'b')
    renameTag(doc, ADA, 'a', 'b')
    renameTag(doc, ADA, 'b', 'c')
    expect(names(doc, ids[0])).toEqual(['c'])
    expect(libraryTags(doc)[ids[1]]).toEqual(['c'])
    expect(tagCounts(doc)).toEqual([{ tag: 'c', count: 2 }])
  })

  it('renames back without making a cycle', () => {
    const { doc, ids } = setup()
    addTag(doc, ADA, ids[0], 'a')
    renameTag(doc, ADA, 'a', 'b')
    expect(renameTag(doc, ADA, 'b', 'a')).toBe('a')
    expect(names(doc, ids[0])).toEqual(['a'])
    expect([...readTagAliases(doc).keys()]).toEqual(['b'])
    // Back over a chain: a → b → c, then c → a.
    renameTag(doc, ADA, 'a', 'b')
    renameTag(doc, ADA, 'b', 'c')
    addTag(doc, BEN, ids[1], 'c')
    expect(renameTag(doc, ADA, 'c', 'a')).toBe('a')
    expect(tagCounts(doc)).toEqual([{ tag: 'a', count: 2 }])
    expect(readTagAliases(doc).has('a')).toBe(false)
  })

  it('merges into the tag an old name stands for', () => {
    const { doc, ids } = setup()
    addTag(doc, ADA, ids[0], 'rl')
    addTag(doc, ADA, ids[1], 'vision')
    renameTag(doc, ADA, 'rl', 'reinforcement learning')
    expect(renameTag(doc, ADA, 'vision', 'rl')).toBe('reinforcement learning')
    expect(tagCounts(doc)).toEqual([{ tag: 'reinforcement learning', count: 2 }])
  })

  it('removes a tag from a paper under every name that shows as it', () => {
    const { doc, ids } = setup()
    addTag(doc, ADA, ids[0], 'rl')
    addTag(doc, ADA, ids[0], 'reinforcement learning')
    addTag(doc, ADA, ids[1], 'rl')
    renameTag(doc, ADA, 'rl', 'reinforcement learning')
    expect(removeTag(doc, BEN, ids[0], 'reinforcement learning')).toBe(true)
    expect(names(doc, ids[0])).toEqual([])
    expect([...roots(doc).tags.keys()].filter((key) => key.startsWith(ids[0]))).toEqual([])
    expect(removeTag(doc, BEN, ids[1], 'RL')).toBe(true)
    expect(tagCounts(doc)).toEqual([])
  })

  it.each([
    ['the same name', 'rl', ' RL ', ValidationError, 'to'],
    ['an unused tag', 'nope', 'x', NotFoundError, 'from'],
    ['an old name', 'rl', 'x', NotFoundError, 'from'],
    ['a bad new name', 'reinforcement learning', '#x', ValidationError, 'to'],
    ['a bad old name', '', 'x', ValidationError, 'from'],
  ])('refuses %s and changes nothing', (_, from, to, error, field) => {
    const { doc, ids } = setup()
    addTag(doc, ADA, ids[0], 'rl')
    renameTag(doc, ADA, 'rl', 'reinforcement learning')
    const before = Y.encodeStateVector(doc)
    expect(() => renameTag(doc, BEN, from, to)).toThrow(error)
    expect(() => renameTag(doc, BEN, from, to)).toThrow(expect.objectContaining({ field }))
    expect(Y.encodeStateVector(doc)).toEqual(before)
  })

  it('refuses a rename by someone who is not a member', () => {
    const { doc, ids } = setup()
    addTag(doc, ADA, ids[0], 'rl')
    const before = Y.encodeStateVector(doc)
    expect(() => renameTag(doc, { memberId: 'eve' }, 'rl', 'x')).toThrow(NotFoundError)
    expect(Y.encodeStateVector(doc)).toEqual(before)
  })
})

describe('renames on replicas that meet later', () => {
  it('shows a tag added offline under the old name with the new name once synced', () => {
    const { doc: a, ids } = setup()
    addTag(a, ADA, ids[0], 'rl')
    const b = replicaOf(a)
    renameTag(a, ADA, 'rl', 'reinforcement learning')
    addTag(b, BEN, ids[1], 'rl') // Ben is offline and has not seen the rename.
    expect(names(b, ids[1])).toEqual(['rl'])
    syncAll([a, b])
    for (const doc of [a, b]) {
      expect(names(doc, ids[0])).toEqual(['reinforcement learning'])
      expect(names(doc, ids[1])).toEqual(['reinforcement learning'])
      expect(tagCounts(doc)).toEqual([{ tag: 'reinforcement learning', count: 2 }])
    }
  })

  it('lets the later of two opposite renames win on every replica', () => {
    const { doc: a, ids } = setup()
    addTag(a, ADA, ids[0], 'x')
    addTag(a, ADA, ids[1], 'y')
    const b = replicaOf(a)
    renameTag(a, ADA, 'x', 'y')
    renameTag(b, BEN, 'y', 'x') // BEN.now is later than ADA.now
    syncAll([a, b])
    expect(canonical(a)).toBe(canonical(b))
    for (const doc of [a, b]) {
      expect(tagCounts(doc)).toEqual([{ tag: 'x', count: 2 }])
      expect(libraryTags(doc)).toEqual({ [ids[0]]: ['x'], [ids[1]]: ['x'], [ids[2]]: [] })
    }
  })

  it('breaks a tie between opposite renames by the smaller name', () => {
    const { doc: a, ids } = setup()
    addTag(a, ADA, ids[0], 'x')
    addTag(a, ADA, ids[1], 'y')
    const b = replicaOf(a)
    renameTag(a, ADA, 'y', 'x')
    renameTag(b, { ...BEN, now: ADA.now }, 'x', 'y')
    syncAll([a, b])
    for (const doc of [a, b]) expect(tagCounts(doc)).toEqual([{ tag: 'x', count: 2 }])
  })

  it('resolves every tag of a longer cycle, and tags leading into it, to one tag', () => {
    const alias = (from: string, to: string, at: number): [string, TagAlias] => [
      from,
      { from, to, by: 'ada', at },
    ]
    const resolve = tagResolver(
      new Map([alias('a', 'b', 1), alias('b', 'c', 3), alias('c', 'a', 2), alias('d', 'a', 9)]),
    )
    expect(['d', 'a', 'b', 'c', 'e'].map(resolve)).toEqual(['c', 'c', 'c', 'c', 'e'])
  })

  it('skips aliases another replica stored in a shape it should not have', () => {
    const { doc, ids } = setup()
    addTag(doc, ADA, ids[0], 'rl')
    addTag(doc, ADA, ids[1], 'cv')
    addTag(doc, ADA, ids[2], 'nlp')
    doc.transact(() => {
      roots(doc).tagAliases.set('rl', { to: 42, by: 'ada', at: 1 })
      roots(doc).tagAliases.set('cv', { to: 'bad\u0001', by: 'ada', at: 1 })
      roots(doc).tagAliases.set('nlp', { to: 'nlp', by: 'ada', at: 1 })
      roots(doc).tagAliases.set('RL', { to: 'x', by: 'ada', at: 1 })
    })
    expect(libraryTags(doc)).toEqual({ [ids[0]]: ['rl'], [ids[1]]: ['cv'], [ids[2]]: ['nlp'] })
  })

  it('converges on the same tags per paper whatever tags, untags, renames and syncs happen', () => {
    const tag = fc.constantFrom('a', 'b', 'c', 'd')
    const op = fc.record({
      replica: fc.integer({ min: 0, max: 2 }),
      kind: fc.constantFrom('tag', 'untag', 'rename', 'sync'),
      paper: fc.integer({ min: 0, max: 2 }),
      from: tag,
      to: tag,
      // Few distinct times, so that ties between renames happen.
      second: fc.integer({ min: 0, max: 3 }),
    })
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), fc.boolean(), (ops, two) => {
        const { doc: origin, ids } = setup({ withCay: true })
        const docs = two
          ? [origin, replicaOf(origin)]
          : [origin, replicaOf(origin), replicaOf(origin)]
        const actors = [ADA, BEN, CAY]
        for (const o of ops) {
          const i = o.replica % docs.length
          const doc = docs[i]!
          const actor = later(actors[i]!, o.second)
          const paperId = ids[o.paper]!
          if (o.kind === 'tag') addTag(doc, actor, paperId, o.from)
          if (o.kind === 'untag') removeTag(doc, actor, paperId, o.from)
          if (o.kind === 'rename') {
            try {
              renameTag(doc, actor, o.from, o.to)
            } catch (error) {
              if (!(error instanceof NotFoundError || error instanceof ValidationError)) throw error
            }
          }
          if (o.kind === 'sync') syncAll([doc, docs[(i + 1) % docs.length]!])
        }
        syncAll(docs)
        const seen = docs.map((doc) => ({
          tags: ids.map((id) => names(doc, id)),
          library: libraryTags(doc),
          counts: tagCounts(doc),
        }))
        for (const s of seen) expect(s).toEqual(seen[0])
        // The library and the per-paper reader agree.
        expect(seen[0]!.tags).toEqual(ids.map((id) => seen[0]!.library[id]))
      }),
      { numRuns: 300 },
    )
  })
})
