/**
 * Runs the generated mutations of test/fixtures/mutation-arbitraries.ts on the replicas of a
 * ReplicaNetwork, as the acting device's member at that device's clock, and checks the rule every
 * mutation follows: it succeeds, or it throws a ModelError and writes nothing. Invalid inputs must
 * be refused. What ran and what was refused is tallied for the suite's summary.
 */
import type * as Y from 'yjs'
import {
  ModelError,
  addAnnotation,
  addComment,
  addPaper,
  addTag,
  completePaper,
  createGroup,
  editAnnotation,
  editComment,
  getAnnotation,
  getComment,
  getPaper,
  importPapers,
  migrate,
  readTagAliases,
  removeTag,
  renameTag,
  selectorsFor,
  setAnnotationDeleted,
  setCommentDeleted,
  setReadingStatus,
  setThreadResolved,
  setVote,
  toggleVote,
  updateGroup,
  upsertMember,
  votersOf,
  type Actor,
  type AnnotationTarget,
} from '../../shared/model'
import type { MutationOp } from '../fixtures/mutation-ops'
import { PAPERS, paperRefId } from '../fixtures/property-group'
import { aliasCycles } from './model-invariants'
import { isPlanning, performPlanning } from './planning-mutations'
import { bump, resolve, type World } from './mutation-world'

function target(doc: Y.Doc, op: Extract<MutationOp, { name: 'addAnnotation' }>): AnnotationTarget {
  const paperId = paperRefId(op.ref, doc)
  const paper = getPaper(doc, paperId)
  const source = paper?.id ?? paperId
  if (op.page !== undefined) {
    const exact = 'a passage of the PDF'
    const end = op.start + exact.length + (op.spoil ? 1 : 0)
    return {
      source,
      page: op.page,
      quote: { exact, prefix: '', suffix: '' },
      position: { start: op.start, end },
    }
  }
  // Selected on the abstract as this replica shows it, as the reader's selection would be.
  const abstract = paper?.abstract ?? ''
  const start =
    op.spoil === 'position' ? abstract.length + 2 : op.start % Math.max(1, abstract.length)
  const end = Math.min(abstract.length, start + op.length)
  const selected = selectorsFor(abstract, start, end)
  if (op.spoil === 'position') return { source, ...selected, position: { start, end: start + 3 } }
  if (op.spoil === 'quote') {
    return { source, ...selected, quote: { ...selected.quote, exact: `${selected.quote.exact}zz` } }
  }
  return { source, ...selected }
}

function perform(world: World, device: number, actor: Actor, op: MutationOp): boolean {
  if (isPlanning(op)) return performPlanning(world, device, actor, op)
  const doc = world.net.replicas[device]!.doc
  const made = world.made
  const member = actor.memberId
  switch (op.name) {
    case 'createGroup':
      createGroup(doc, actor, { name: 'A second group' })
      break
    case 'updateGroup':
      updateGroup(doc, actor, op.patch)
      break
    case 'upsertMember':
      upsertMember(doc, actor, op.profile)
      break
    case 'addPaper':
      addPaper(doc, actor, op.input)
      break
    case 'importPapers':
      importPapers(doc, actor, op.inputs)
      break
    case 'completePaper': {
      // The metadata fetched for the paper: its title and one of its abstracts.
      const paper = PAPERS[op.ref.paper % PAPERS.length]!
      const input = {
        title: paper.title,
        abstract: paper.abstracts[op.abstract % 3],
        source: 'arxiv' as const,
      }
      completePaper(doc, actor, paperRefId(op.ref, doc), input)
      break
    }
    case 'addAnnotation': {
      const input = { paperId: paperRefId(op.ref, doc), target: target(doc, op), note: op.note }
      const annotation = addAnnotation(
        doc,
        actor,
        op.colour ? { ...input, colour: op.colour } : input,
      )
      made.annotations.push({ id: annotation.id, author: member })
      break
    }
    case 'editAnnotation':
      editAnnotation(
        doc,
        actor,
        resolve(made.annotations, op.pick, op.own ? member : undefined),
        op.patch,
      )
      break
    case 'setAnnotationDeleted': {
      const id = resolve(made.annotations, op.pick, op.own ? member : undefined)
      setAnnotationDeleted(doc, actor, id, op.deleted)
      break
    }
    case 'addComment': {
      // A reply when there is something to reply to, a thread on an annotation likewise.
      const parentId =
        op.parent === undefined || made.comments.length === 0
          ? undefined
          : resolve(made.comments, op.parent)
      const annotationId =
        parentId !== undefined || op.annotation === undefined || made.annotations.length === 0
          ? undefined
          : resolve(made.annotations, op.annotation)
      // A reply is written on its parent's paper, a thread on an annotation on the annotation's.
      const paperId =
        (parentId && getComment(doc, parentId)?.paperId) ??
        (annotationId && getAnnotation(doc, annotationId)?.paperId) ??
        paperRefId(op.ref, doc)
      const comment = addComment(doc, actor, { paperId, parentId, annotationId, body: op.body })
      made.comments.push({ id: comment.id, author: member })
      break
    }
    case 'editComment':
      editComment(doc, actor, resolve(made.comments, op.pick, op.own ? member : undefined), op.body)
      break
    case 'setCommentDeleted': {
      const id = resolve(made.comments, op.pick, op.own ? member : undefined)
      setCommentDeleted(doc, actor, id, op.deleted)
      break
    }
    case 'setThreadResolved':
      setThreadResolved(doc, actor, resolve(made.comments, op.pick), op.resolved as boolean)
      break
    case 'addTag':
      addTag(doc, actor, paperRefId(op.ref, doc), op.tag)
      break
    case 'removeTag':
      removeTag(doc, actor, paperRefId(op.ref, doc), op.tag)
      break
    case 'renameTag': {
      const before = aliasCycles(readTagAliases(doc)).length
      renameTag(doc, actor, op.from, op.to)
      // Renaming back drops the alias it would close a cycle with (docs/data-model.md).
      if (before === 0 && aliasCycles(readTagAliases(doc)).length > 0) {
        throw new Error(
          `[one device makes no rename cycle] renaming ${op.from} to ${op.to} made one`,
        )
      }
      break
    }
    case 'setVote': {
      const paperId = paperRefId(op.ref, doc)
      const on = setVote(doc, actor, paperId, op.on as boolean)
      if (votersOf(doc, paperId).includes(member) !== on) {
        throw new Error(`[vote as set] ${member}'s vote on ${paperId} does not read as ${on}`)
      }
      break
    }
    case 'toggleVote':
      toggleVote(doc, actor, paperRefId(op.ref, doc))
      break
    case 'setReadingStatus':
      setReadingStatus(doc, actor, paperRefId(op.ref, doc), op.status as never)
      break
    case 'migrate':
      if (migrate(doc) !== 1) throw new Error('[migrate] a version 1 document read as another')
      break
  }
  return true
}

/**
 * Runs one mutation on a device. A refusal must be a ModelError and leave the document as it was
 * (the replica sent no update); an input generated invalid must be refused.
 */
export function runMutation(world: World, device: number, op: MutationOp): void {
  const replica = world.net.replicas[device]!
  const { member, clock } = world.devices[device]!
  const sent = replica.sent
  let done: boolean
  try {
    done = perform(world, device, { memberId: member, now: clock }, op)
  } catch (error) {
    if (!(error instanceof ModelError)) throw error
    if (replica.sent !== sent) {
      throw new Error(
        `[refusal changes nothing] ${op.name} was refused (${error.code}) after writing`,
      )
    }
    bump(world.tally.refused, `${op.name} ${error.code}`)
    if (op.invalid) world.tally.invalidRefused += 1
    return
  }
  if (op.invalid) {
    throw new Error(`[invalid input is refused] ${op.name} accepted ${JSON.stringify(op)}`)
  }
  if (!done) world.tally.notesSkipped += 1
  else bump(world.tally.applied, op.name)
  if (op.name === 'migrate' && replica.sent !== sent) {
    throw new Error('[migrate] migrating a current document wrote to it')
  }
}
