/** Member profiles: each member writes only their own entry, keyed by their id. */
import type * as Y from 'yjs'
import { roots } from './keys'
import { NotFoundError } from './errors'
import { assertWritable } from './schema'
import * as v from './validate'
import { asTime } from './time'
import type { Actor, Member } from './types'

function asMember(id: string, value: unknown): Member | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const { name, colour, joined } = value as Record<string, unknown>
  if (typeof name !== 'string' || typeof colour !== 'string' || typeof joined !== 'number') {
    return undefined
  }
  // A stored colour reaches CSS and a stored time a date formatter: both are checked here.
  return { id, name, colour: v.storedColour(colour), joined: asTime(joined) ?? 0 }
}

/** One member's profile, or undefined. */
export function getMember(doc: Y.Doc, memberId: string): Member | undefined {
  return asMember(memberId, roots(doc).members.get(memberId))
}

/** Every member, in the order they joined. */
export function listMembers(doc: Y.Doc): Member[] {
  const members: Member[] = []
  roots(doc).members.forEach((value, id) => {
    const member = asMember(id, value)
    if (member) members.push(member)
  })
  return members.sort((a, b) => a.joined - b.joined || a.id.localeCompare(b.id))
}

/** Throws NotFoundError unless `memberId` has a profile in the group. */
export function requireMember(doc: Y.Doc, memberId: string): Member {
  const member = getMember(doc, memberId)
  if (!member) throw new NotFoundError('member', memberId, 'actor.memberId')
  return member
}

/**
 * The acting member, checked before any write: a well-formed actor, a document this code may
 * write, and a member of the group.
 */
export function writer(
  doc: Y.Doc,
  actor: Actor,
): { memberId: string; now: number; member: Member } {
  const by = v.actor(actor)
  assertWritable(doc)
  return { ...by, member: requireMember(doc, by.memberId) }
}

/** Sets the acting member's display name and colour, joining the group on first call. */
export function upsertMember(
  doc: Y.Doc,
  actor: Actor,
  profile: { name: string; colour: string },
): Member {
  const by = v.actor(actor)
  assertWritable(doc)
  const fields = v.record('profile', profile)
  const name = v.text('name', fields.name, { max: v.LIMITS.memberName })
  const colour = v.colour('colour', fields.colour)
  const joined = getMember(doc, by.memberId)?.joined ?? by.now
  const member = { id: by.memberId, name, colour, joined }
  doc.transact(() => roots(doc).members.set(by.memberId, { name, colour, joined }))
  return member
}
