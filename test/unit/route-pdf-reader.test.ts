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

  it('is not found with anything after it, on a round or meeting, or for a bad group id', () => {
    expect(parseRoute(`${pdfReaderHref(groupId, '2401.00001')}/more`)).toEqual({
      page: 'not-found',
    })
    expect(parseRoute(`#g/${groupId}/p/2401.00001/pdfx`)).toEqual({ page: 'not-found' })
    expect(parseRoute(`#g/${groupId}/r/round1/pdf`)).toEqual({ page: 'not-found' })
    expect(parseRoute('#g/nope/p/2401.00001/pdf')).toEqual({ page: 'not-found' })
  })
})
