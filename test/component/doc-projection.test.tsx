import { describe, expect, it } from 'vitest'
import { createRoot } from 'solid-js'
import { addPaper, listPapers } from '../../shared/model'
import { createDocProjection } from '../../client/data/create-doc-projection'
import { createLibrary } from '../../client/data/create-library'
import { ADA, BEN, groupDoc, paperInput } from '../fixtures/group'

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('createDocProjection', () => {
  it('follows the document and keeps unchanged rows as the same objects', async () => {
    const doc = groupDoc()
    addPaper(doc, ADA, paperInput({ title: 'First paper' }))
    await createRoot(async (dispose) => {
      const library = createLibrary(doc)
      const first = library.value[0]
      expect(library.value.map((item) => item.paper.title)).toEqual(['First paper'])

      addPaper(doc, BEN, paperInput({ title: 'Second paper' }))
      await settle()
      expect(library.value.map((item) => item.paper.title)).toEqual(['Second paper', 'First paper'])
      // reconcile kept the first row's object: only what changed re-renders.
      expect(library.value[1]).toBe(first)
      dispose()
    })
  })

  it('stops following the document when its owner is disposed', async () => {
    const doc = groupDoc()
    let reads = 0
    const dispose = createRoot((dispose) => {
      createDocProjection(doc, (d) => (reads++, listPapers(d)), [])
      return dispose
    })
    dispose()
    addPaper(doc, ADA, paperInput({ title: 'After disposal' }))
    await settle()
    expect(reads).toBe(1)
  })
})
