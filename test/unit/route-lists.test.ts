import { describe, expect, it } from 'vitest'
import { exportHref, groupRouteOf, parseRoute, storageHref } from '../../client/app/route'
import { createGroupKeys } from '../../shared/invite'

const { groupId } = createGroupKeys()

describe.each([
  { page: 'storage', href: storageHref, what: 'the PDFs kept on this device' },
  { page: 'export', href: exportHref, what: 'files of the group’s annotations and papers' },
])('the $page route', ({ page, href, what }) => {
  it(`reads the page of ${what}, as a page of the group`, () => {
    const route = parseRoute(href(groupId))
    expect(route).toEqual({ page, groupId })
    expect(groupRouteOf(route)).toEqual({ page, groupId })
  })

  it('is not found with anything after it, or for a malformed group id', () => {
    expect(parseRoute(`${href(groupId)}/more`)).toEqual({ page: 'not-found' })
    expect(parseRoute(`#g/nope/${page}`)).toEqual({ page: 'not-found' })
  })
})
