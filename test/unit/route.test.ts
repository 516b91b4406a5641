import { describe, expect, it } from 'vitest'
import { groupHref, paperHref, parseRoute, tagsHref } from '../../client/app/route'
import { createGroupKeys } from '../../shared/invite'

const { groupId, writeKey } = createGroupKeys()

describe('parseRoute', () => {
  it('reads home, new group, a group and an invite', () => {
    expect(parseRoute('')).toEqual({ page: 'home' })
    expect(parseRoute('#new')).toEqual({ page: 'new-group' })
    expect(parseRoute(groupHref(groupId))).toEqual({ page: 'group', groupId })
    expect(parseRoute(`#join/${groupId}/${writeKey}`)).toEqual({
      page: 'join',
      groupId,
      key: writeKey,
    })
  })

  it('round-trips paper ids with slashes, colons and other characters', () => {
    for (const paperId of ['2401.00001', 'hep-th/9901001', 'h:0123456789abcdef0123', 'a b%/?#']) {
      expect(parseRoute(paperHref(groupId, paperId))).toEqual({ page: 'paper', groupId, paperId })
    }
  })

  it("reads a group's tags page", () => {
    expect(tagsHref(groupId)).toBe(`#g/${groupId}/tags`)
    expect(parseRoute(tagsHref(groupId))).toEqual({ page: 'tags', groupId })
    expect(parseRoute(`#g/${groupId}/tags/x`)).toEqual({ page: 'not-found' })
    expect(parseRoute('#g/not-a-group-id/tags')).toEqual({ page: 'not-found' })
  })

  it('refuses what is not a route rather than guessing', () => {
    expect(parseRoute('#g/not-a-group-id')).toEqual({ page: 'not-found' })
    expect(parseRoute(`#g/${groupId}/p/%E0%A4%A`)).toEqual({ page: 'not-found' })
    expect(parseRoute(`#g/${groupId}/x/1`)).toEqual({ page: 'not-found' })
    expect(parseRoute(`#join/${groupId}/${'A'.repeat(22)}`)).toEqual({ page: 'invalid-invite' })
  })
})
