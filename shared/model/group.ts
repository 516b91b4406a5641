/** Group settings: name, description, created, schema version. */
import type * as Y from 'yjs'
import { META, SCHEMA_VERSION, roots } from './keys'
import { asTime } from './time'
import { ConflictError, ValidationError } from './errors'
import { schemaVersionOf } from './schema'
import { writer } from './members'
import * as v from './validate'
import type { Actor, GroupSettings } from './types'

/** What a group is created with. */
export interface GroupInput {
  name: string
  description?: string
}

/** The group's settings, or undefined while the document holds no group. */
export function readGroup(doc: Y.Doc): GroupSettings | undefined {
  const meta = roots(doc).meta
  const schemaVersion = schemaVersionOf(doc)
  if (schemaVersion === undefined) return undefined
  const name = meta.get(META.name)
  const description = meta.get(META.description)
  const created = meta.get(META.created)
  return {
    name: typeof name === 'string' ? name : '',
    description: typeof description === 'string' ? description : '',
    created: asTime(created) ?? 0,
    schemaVersion,
  }
}

/**
 * Makes `doc` a new group, and its creator its first member when `creator` is given. Throws
 * ConflictError when the document already holds a group.
 */
export function createGroup(
  doc: Y.Doc,
  actor: Actor,
  input: GroupInput,
  creator?: { name: string; colour: string },
): GroupSettings {
  const by = v.actor(actor)
  const fields = v.record('input', input)
  const name = v.text('name', fields.name, { max: v.LIMITS.groupName })
  const description =
    v.optionalText('description', fields.description, {
      max: v.LIMITS.groupDescription,
      multiline: true,
    }) ?? ''
  const profile = creator && {
    name: v.text('creator.name', creator.name, { max: v.LIMITS.memberName }),
    colour: v.colour('creator.colour', creator.colour),
  }
  if (schemaVersionOf(doc) !== undefined)
    throw new ConflictError('This document already holds a group')
  doc.transact(() => {
    const { meta, members } = roots(doc)
    meta.set(META.name, name)
    meta.set(META.description, description)
    meta.set(META.created, by.now)
    meta.set(META.schemaVersion, SCHEMA_VERSION)
    if (profile) members.set(by.memberId, { ...profile, joined: by.now })
  })
  return { name, description, created: by.now, schemaVersion: SCHEMA_VERSION }
}

/** Renames the group or changes its description. */
export function updateGroup(
  doc: Y.Doc,
  actor: Actor,
  patch: { name?: string; description?: string },
): GroupSettings {
  writer(doc, actor)
  const fields = v.record('patch', patch)
  const name =
    fields.name === undefined ? undefined : v.text('name', fields.name, { max: v.LIMITS.groupName })
  const description =
    fields.description === undefined
      ? undefined
      : v.text('description', fields.description, {
          max: v.LIMITS.groupDescription,
          multiline: true,
          empty: true,
        })
  if (name === undefined && description === undefined) {
    throw new ValidationError('patch', 'Nothing to change: give a name or a description')
  }
  doc.transact(() => {
    const { meta } = roots(doc)
    if (name !== undefined) meta.set(META.name, name)
    if (description !== undefined) meta.set(META.description, description)
  })
  return readGroup(doc) as GroupSettings
}
