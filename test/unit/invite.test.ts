import { describe, expect, it } from 'vitest'
import {
  accessOf,
  createGroupKeys,
  createSecret,
  groupIdOf,
  inviteLink,
  isKey,
  keysFromWriteKey,
  parseInviteLink,
  privateKeysOf,
  readKeyOf,
} from '../../shared/invite'

describe('invite keys', () => {
  it('derives the read key and the group id from the write key, one way', () => {
    const keys = createGroupKeys()
    expect([keys.groupId, keys.writeKey, keys.readKey].every(isKey)).toBe(true)
    expect(keys.readKey).toBe(readKeyOf(keys.writeKey))
    expect(keys.groupId).toBe(groupIdOf(keys.readKey))
    expect(keysFromWriteKey(keys.writeKey)).toEqual(keys)
    expect(new Set([keys.groupId, keys.writeKey, keys.readKey]).size).toBe(3)
  })

  it('makes different keys every time', () => {
    expect(createGroupKeys().writeKey).not.toBe(createGroupKeys().writeKey)
  })

  it('grants write to the write key, read to the read key, and nothing else', () => {
    const keys = createGroupKeys()
    const other = createGroupKeys()
    expect(accessOf(keys.groupId, keys.writeKey)).toBe('write')
    expect(accessOf(keys.groupId, keys.readKey)).toBe('read')
    expect(accessOf(keys.groupId, keys.groupId)).toBe('none')
    expect(accessOf(keys.groupId, other.writeKey)).toBe('none')
    expect(accessOf(keys.groupId, other.readKey)).toBe('none')
    expect(accessOf(keys.groupId, '')).toBe('none')
    expect(accessOf('../../etc/passwd', keys.writeKey)).toBe('none')
  })

  it('carries the key in the fragment of the invite link, and reads it back', () => {
    const keys = createGroupKeys()
    const link = inviteLink('http://localhost:8080/', keys.groupId, keys.readKey)
    expect(link).toBe(`http://localhost:8080/#join/${keys.groupId}/${keys.readKey}`)
    expect(new URL(link).search).toBe('')
    expect(parseInviteLink(link)).toEqual({ groupId: keys.groupId, key: keys.readKey })
    expect(parseInviteLink(`#join/${keys.groupId}/${keys.writeKey}`)?.key).toBe(keys.writeKey)
  })

  it('rejects links whose key does not open the group', () => {
    const keys = createGroupKeys()
    expect(
      parseInviteLink(`http://x/#join/${keys.groupId}/${createGroupKeys().writeKey}`),
    ).toBeUndefined()
    expect(parseInviteLink('http://x/#join/short/key')).toBeUndefined()
    expect(parseInviteLink('http://x/')).toBeUndefined()
  })
})

describe('privateKeysOf', () => {
  const group = createGroupKeys()
  const other = createGroupKeys()
  const secret = createSecret()

  it('gives each device with the same secret the same private document of a group', () => {
    expect(privateKeysOf(group.groupId, secret)).toEqual(privateKeysOf(group.groupId, secret))
    expect(
      accessOf(
        privateKeysOf(group.groupId, secret).groupId,
        privateKeysOf(group.groupId, secret).writeKey,
      ),
    ).toBe('write')
  })

  it('gives another member, and another group, another document', () => {
    const mine = privateKeysOf(group.groupId, secret).groupId
    expect(privateKeysOf(group.groupId, createSecret()).groupId).not.toBe(mine)
    expect(privateKeysOf(other.groupId, secret).groupId).not.toBe(mine)
    expect(mine).not.toBe(group.groupId)
  })

  it('is not opened by the group’s own keys', () => {
    const mine = privateKeysOf(group.groupId, secret).groupId
    expect(accessOf(mine, group.writeKey)).toBe('none')
    expect(accessOf(mine, group.readKey)).toBe('none')
  })
})
