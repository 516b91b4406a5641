import { describe, expect, it } from 'vitest'
import {
  groupHref,
  groupRouteOf,
  meetingHref,
  meetingsHref,
  paperHref,
  parseRoute,
  roundHref,
  roundsHref,
  tagsHref,
} from '../../client/app/route'
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

  it("reads a group's rounds and meetings, and one of each", () => {
    const id = 'AbC-_0123456789abcdefgh'
    expect(parseRoute(roundsHref(groupId))).toEqual({ page: 'rounds', groupId })
    expect(parseRoute(meetingsHref(groupId))).toEqual({ page: 'meetings', groupId })
    expect(parseRoute(roundHref(groupId, id))).toEqual({ page: 'round', groupId, roundId: id })
    expect(parseRoute(meetingHref(groupId, id))).toEqual({
      page: 'meeting',
      groupId,
      meetingId: id,
    })
    expect(parseRoute(`#g/${groupId}/r/a.b`)).toEqual({ page: 'not-found' })
    expect(parseRoute(`#g/${groupId}/m/${'x'.repeat(65)}`)).toEqual({ page: 'not-found' })
  })

  it('tells which routes belong to a group', () => {
    expect(groupRouteOf(parseRoute(meetingsHref(groupId)))?.groupId).toBe(groupId)
    expect(groupRouteOf(parseRoute(paperHref(groupId, '2401.00001')))?.page).toBe('paper')
    expect(groupRouteOf(parseRoute(`#join/${groupId}/${writeKey}`))).toBeUndefined()
    expect(groupRouteOf(parseRoute(''))).toBeUndefined()
  })

  it('refuses what is not a route rather than guessing', () => {
    expect(parseRoute('#g/not-a-group-id')).toEqual({ page: 'not-found' })
    expect(parseRoute(`#g/${groupId}/p/%E0%A4%A`)).toEqual({ page: 'not-found' })
    expect(parseRoute(`#g/${groupId}/x/1`)).toEqual({ page: 'not-found' })
    expect(parseRoute(`#join/${groupId}/${'A'.repeat(22)}`)).toEqual({ page: 'invalid-invite' })
  })
})
