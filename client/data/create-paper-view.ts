import type * as Y from 'yjs'
import { createMemo, type Accessor } from 'solid-js'
import {
  getPaper,
  listAnnotations,
  listComments,
  meetingsByPaper,
  readingStatusOf,
  tagCounts,
  tagsOf,
  votersOf,
  type Annotation,
  type Comment,
  type MemberStatus,
  type Paper,
  type PaperTag,
} from '../../shared/model'
import { createDocProjection } from './create-doc-projection'
import type { GroupView } from './create-group-view'

/** Everything the group has on one paper. */
export interface PaperData {
  /** Undefined when no paper of the group has this id (nor is the same paper as one that has). */
  paper: Paper | undefined
  /** In text order, deleted ones included: their threads stay, and their authors may restore them. */
  annotations: Annotation[]
  /** Oldest first, deleted ones included as tombstones. */
  comments: Comment[]
  tags: PaperTag[]
  /** Member ids, in the order they voted. */
  voters: string[]
  statuses: MemberStatus[]
  /** The meetings with the paper on their agenda (id and ISO day), earliest first. */
  meetings: Array<{ id: string; date: string }>
}

/** One paper as Solid stores that follow the group's document. */
export interface PaperView extends Readonly<PaperData> {
  /** Every tag of the group with how many papers carry it, most used first (for autocomplete). */
  readonly tagCounts: ReadonlyArray<{ tag: string; count: number }>
  /** The readers' error, e.g. a group saved by a newer version of Margins. */
  readonly error: string | undefined
}

// A fresh object each time: a store takes over (and later changes) the object it is given.
const nothing = (): PaperData => ({
  paper: undefined,
  annotations: [],
  comments: [],
  tags: [],
  voters: [],
  statuses: [],
  meetings: [],
})

function readPaper(doc: Y.Doc, paperId: string): PaperData {
  const paper = getPaper(doc, paperId)
  if (!paper) return nothing()
  // Everything is read by the canonical id, which gathers the facts of every record of the paper.
  return {
    paper,
    annotations: listAnnotations(doc, paper.id, true),
    comments: listComments(doc, paper.id),
    tags: tagsOf(doc, paper.id),
    voters: votersOf(doc, paper.id),
    statuses: readingStatusOf(doc, paper.id),
    meetings: meetingsByPaper(doc).get(paper.id) ?? [],
  }
}

/**
 * A paper of the group, its annotations, comments, tags, votes, reading statuses and meetings, following
 * the document; another `paperId` starts following that paper. An alias id (a record that is the
 * same paper as another) gives the paper under its canonical id. Ends with the calling owner.
 */
export function createPaperView(view: GroupView, paperId: Accessor<string>): PaperView {
  // The memo disposes the previous paper's projection when the id changes.
  const projection = createMemo(() => {
    const id = paperId()
    return createDocProjection(view.doc, (doc) => readPaper(doc, id), nothing())
  })
  const counts = createDocProjection(view.doc, tagCounts, [], 'tag')
  return {
    get paper() {
      return projection().value.paper
    },
    get annotations() {
      return projection().value.annotations
    },
    get comments() {
      return projection().value.comments
    },
    get tags() {
      return projection().value.tags
    },
    get voters() {
      return projection().value.voters
    },
    get statuses() {
      return projection().value.statuses
    },
    get meetings() {
      return projection().value.meetings
    },
    get tagCounts() {
      return counts.value
    },
    get error() {
      return projection().error ?? counts.error
    },
  }
}
