import { describe, expect, it, vi } from 'vitest'
import { createRoot, createSignal } from 'solid-js'
import { waitFor } from '@solidjs/testing-library'
import type * as Y from 'yjs'
import { getPaper, importPapers } from '../../shared/model'
import { createLibrary } from '../../client/data/create-library'
import type { GroupView } from '../../client/data/create-group-view'
import { createMetadataFiller } from '../../client/data/fill-metadata'
import type { MetadataFetch } from '../../client/data/import-arxiv-metadata'
import { ADA, groupDoc } from '../fixtures/group'

const settle = () => new Promise((resolve) => setTimeout(resolve, 20))

/** A filler over a bare document whose sync state the test sets, with a fetch it watches. */
function startFiller(doc: Y.Doc, options: { canWrite?: boolean } = {}) {
  const fetch = vi.fn<MetadataFetch>(async (ids) => ({
    papers: ids.map((arxivId) => ({ arxivId, title: `Title of ${arxivId}`, source: 'atom' })),
    missing: [],
  }))
  const [synced, setSynced] = createSignal(false)
  const dispose = createRoot((dispose) => {
    const view = {
      canWrite: options.canWrite ?? true,
      memberId: () => ADA.memberId,
      synced,
      doc,
      library: createLibrary(doc),
    } as unknown as GroupView
    createMetadataFiller(view, { fetch })
    return dispose
  })
  return { fetch, setSynced, dispose }
}

describe('createMetadataFiller', () => {
  it('waits until the group is synced, then fills in papers known only by their id', async () => {
    const doc = groupDoc()
    importPapers(doc, ADA, [{ arxivId: '2401.00001', source: 'arxiv' }])
    const filler = startFiller(doc)
    await settle()
    expect(filler.fetch).not.toHaveBeenCalled()
    expect(getPaper(doc, '2401.00001')?.needsMetadata).toBe(true)

    filler.setSynced(true)
    await waitFor(() => expect(getPaper(doc, '2401.00001')?.title).toBe('Title of 2401.00001'))
    expect(filler.fetch).toHaveBeenCalledWith(['2401.00001'])

    // A paper added later by its id is filled in too.
    importPapers(doc, ADA, [{ arxivId: '2401.00002', source: 'arxiv' }])
    await waitFor(() => expect(getPaper(doc, '2401.00002')?.needsMetadata).toBe(false))
    expect(filler.fetch).toHaveBeenCalledTimes(2)
    filler.dispose()
  })

  it('does nothing on a read-only link', async () => {
    const doc = groupDoc()
    importPapers(doc, ADA, [{ arxivId: '2401.00001', source: 'arxiv' }])
    const filler = startFiller(doc, { canWrite: false })
    filler.setSynced(true)
    await settle()
    expect(filler.fetch).not.toHaveBeenCalled()
    filler.dispose()
  })

  it('stops asking once its owner is disposed', async () => {
    const doc = groupDoc()
    const filler = startFiller(doc)
    filler.setSynced(true)
    filler.dispose()
    importPapers(doc, ADA, [{ arxivId: '2401.00001', source: 'arxiv' }])
    await settle()
    expect(filler.fetch).not.toHaveBeenCalled()
  })
})
