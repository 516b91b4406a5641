import { describe, expect, it } from 'vitest'
import { groupRouteOf, paperHref, parseRoute, pdfReaderHref } from '../../client/app/route'
import { createGroupKeys } from '../../shared/invite'

const { groupId } = createGroupKeys()

describe('the PDF reader route', () => {
  it('reads a paper’s PDF in the reader, as a page of the group, for any paper id', () => {
    for (const paperId of ['2401.00001', 'hep-th/9901001', 'h:0123456789abcdef0123', 'a b%/?#']) {
      const route = parseRoute(pdfReaderHref(groupId, paperId))
      expect(route).toEqual({ page: 'pdf', groupId, paperId })
      expect(groupRouteOf(route)).toEqual({ page: 'pdf', groupId, paperId })
      // The paper's own page is unchanged.
      expect(parseRoute(paperHref(groupId, paperId))).toEqual({ page: 'paper', groupId, paperId })
    }
  })

  it('opens the reader at one of its highlights, named by the annotation’s id', () => {
    for (const paperId of ['2401.00001', 'hep-th/9901001', 'a b%/?#']) {
      const href = pdfReaderHref(groupId, paperId, 'Zx9_-a1B2c3D4e5F6g7H8i')
      expect(href.endsWith('/pdf/Zx9_-a1B2c3D4e5F6g7H8i')).toBe(true)
      const route = parseRoute(href)
      expect(route).toEqual({
        page: 'pdf',
        groupId,
        paperId,
        annotationId: 'Zx9_-a1B2c3D4e5F6g7H8i',
      })
      expect(groupRouteOf(route)).toEqual(route)
    }
    // Without one, the route has no annotation at all (not one that is undefined).
    expect(Object.keys(parseRoute(pdfReaderHref(groupId, '2401.00001')))).toEqual([
      'page',
      'groupId',
      'paperId',
    ])
  })

  it('is not found with a bad highlight id or anything after it', () => {
    const reader = pdfReaderHref(groupId, '2401.00001')
    for (const bad of ['a.b', 'a%20b', 'x'.repeat(65), 'ann/more', '', 'ann/']) {
      expect(parseRoute(`${reader}/${bad}`)).toEqual({ page: 'not-found' })
    }
    expect(parseRoute(`${pdfReaderHref(groupId, '2401.00001', 'ann1')}/more`)).toEqual({
      page: 'not-found',
    })
    expect(parseRoute(`#g/${groupId}/r/round1/pdf/ann1`)).toEqual({ page: 'not-found' })
  })

  it('is not found with anything else after it, on a round or meeting, or for a bad group id', () => {
    expect(parseRoute(`${pdfReaderHref(groupId, '2401.00001')}x/more`)).toEqual({
      page: 'not-found',
    })
    expect(parseRoute(`#g/${groupId}/p/2401.00001/pdfx`)).toEqual({ page: 'not-found' })
    expect(parseRoute(`#g/${groupId}/r/round1/pdf`)).toEqual({ page: 'not-found' })
    expect(parseRoute('#g/nope/p/2401.00001/pdf')).toEqual({ page: 'not-found' })
  })
})
