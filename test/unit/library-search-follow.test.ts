import { describe, expect, it } from 'vitest'
import { addComment, addPaper, editComment, setCommentDeleted } from '../../shared/model'
import { followDocument } from '../../client/data/library-search-follow'
import { ADA, BEN, groupDoc, paperInput } from '../fixtures/group'

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))
const found = (hits: ReadonlyMap<string, unknown> | undefined) => [...(hits?.keys() ?? [])]

describe('followDocument', () => {
  it('follows comments and papers into the index after each change', async () => {
    const doc = groupDoc()
    const { paper } = addPaper(doc, ADA, paperInput({ title: 'Attention' }))
    let changes = 0
    const followed = followDocument(doc, () => changes++)
    const { index } = followed
    index.build(() => true)
    expect(found(index.search('kernel'))).toEqual([])

    const comment = addComment(doc, BEN, { paperId: paper.id, body: 'The kernel trick' })
    await settle()
    expect(changes).toBe(1)
    expect(index.ready).toBe(true)
    expect(found(index.search('kernel'))).toEqual([paper.id])

    editComment(doc, BEN, comment.id, 'The softmax trick')
    await settle()
    expect(found(index.search('kernel'))).toEqual([])
    expect(found(index.search('softmax'))).toEqual([paper.id])

    setCommentDeleted(doc, BEN, comment.id, true)
    await settle()
    expect(found(index.search('softmax'))).toEqual([])

    const added = addPaper(doc, ADA, paperInput({ title: 'Mamba' })).paper
    await settle()
    index.build(() => true)
    expect(found(index.search('mamba'))).toEqual([added.id])
    expect(changes).toBe(4)

    followed.stop()
    addComment(doc, BEN, { paperId: paper.id, body: 'After stopping' })
    await settle()
    expect(changes).toBe(4)
  })

  it('applies pending changes at once when flushed', () => {
    const doc = groupDoc()
    const { paper } = addPaper(doc, ADA, paperInput())
    const followed = followDocument(doc, () => undefined)
    addComment(doc, BEN, { paperId: paper.id, body: 'Zebra crossing' })
    expect(followed.flush()).toBe(true)
    expect(followed.flush()).toBe(false)
    expect(found(followed.index.search('zebra'))).toEqual([paper.id])
    followed.stop()
  })
})
