import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  ConflictError,
  SCHEMA_VERSION,
  ValidationError,
  createGroup,
  getMember,
  listMembers,
  readGroup,
  updateGroup,
  upsertMember,
} from '../../../shared/model'
import { ADA, BEN, groupDoc } from '../../fixtures/group'

describe('group settings', () => {
  it('creates a group with its creator as first member', () => {
    const doc = new Y.Doc()
    createGroup(
      doc,
      ADA,
      { name: ' Vision  group ', description: 'Weekly.\nBring snacks.' },
      {
        name: 'Ada',
        colour: '#1F77B4',
      },
    )
    expect(readGroup(doc)).toEqual({
      name: 'Vision group',
      description: 'Weekly.\nBring snacks.',
      created: ADA.now,
      schemaVersion: SCHEMA_VERSION,
    })
    expect(listMembers(doc)).toEqual([
      { id: 'ada', name: 'Ada', colour: '#1f77b4', joined: ADA.now },
    ])
  })

  it('reads as no group before anything is created or synced', () => {
    expect(readGroup(new Y.Doc())).toBeUndefined()
  })

  it('refuses to create a group twice, or without a name', () => {
    expect(() => createGroup(groupDoc(), ADA, { name: 'Again' })).toThrow(ConflictError)
    const doc = new Y.Doc()
    expect(() => createGroup(doc, ADA, { name: ' ' })).toThrow(ValidationError)
    expect(() => createGroup(doc, ADA, { name: 'x'.repeat(101) })).toThrow(ValidationError)
    expect(readGroup(doc)).toBeUndefined()
  })

  it('renames and redescribes; a patch with nothing in it is an error', () => {
    const doc = groupDoc()
    expect(updateGroup(doc, BEN, { name: 'Renamed' }).name).toBe('Renamed')
    expect(updateGroup(doc, BEN, { description: '' }).description).toBe('')
    expect(() => updateGroup(doc, BEN, {})).toThrow(ValidationError)
    expect(() => updateGroup(doc, BEN, { name: '' })).toThrow(ValidationError)
    expect(readGroup(doc)?.name).toBe('Renamed')
  })
})

describe('members', () => {
  it('keeps the first join time when a member changes their profile', () => {
    const doc = groupDoc()
    upsertMember(
      doc,
      { memberId: 'ben', now: BEN.now! + 5_000 },
      { name: 'Benjamin', colour: '#000000' },
    )
    expect(getMember(doc, 'ben')).toEqual({
      id: 'ben',
      name: 'Benjamin',
      colour: '#000000',
      joined: BEN.now,
    })
  })

  it('lists members in the order they joined', () => {
    expect(listMembers(groupDoc()).map((m) => m.name)).toEqual(['Ada', 'Ben'])
  })

  it.each([
    [{ name: '', colour: '#000000' }, 'name'],
    [{ name: 'Ok', colour: 'red' }, 'colour'],
    [{ name: 'Nul\u0000', colour: '#000000' }, 'name'],
  ])('refuses a bad profile %j', (profile, field) => {
    const doc = groupDoc()
    expect(() => upsertMember(doc, { memberId: 'cay' }, profile)).toThrow(
      expect.objectContaining({ field }),
    )
    expect(getMember(doc, 'cay')).toBeUndefined()
  })

  it('refuses malformed member ids', () => {
    expect(() =>
      upsertMember(groupDoc(), { memberId: 'a b' }, { name: 'X', colour: '#000000' }),
    ).toThrow(expect.objectContaining({ field: 'actor.memberId' }))
  })

  it('ignores a malformed profile written by a hostile replica', () => {
    const doc = groupDoc()
    doc.getMap('members').set('mallory', { name: 42 })
    expect(listMembers(doc).map((m) => m.id)).toEqual(['ada', 'ben'])
  })
})
