import { describe, expect, it } from 'vitest'
import { groupRouteOf, parseRoute, storageHref } from '../../client/app/route'
import { createGroupKeys } from '../../shared/invite'

const { groupId } = createGroupKeys()

describe('the storage route', () => {
  it('reads the page of PDFs kept on this device, as a page of the group', () => {
    const route = parseRoute(storageHref(groupId))
    expect(route).toEqual({ page: 'storage', groupId })
    expect(groupRouteOf(route)).toEqual({ page: 'storage', groupId })
  })

  it('is not found with anything after it, or for a malformed group id', () => {
    expect(parseRoute(`${storageHref(groupId)}/more`)).toEqual({ page: 'not-found' })
    expect(parseRoute('#g/nope/storage')).toEqual({ page: 'not-found' })
  })
})
