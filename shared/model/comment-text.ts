/**
 * What members wrote about each paper, as plain text for the library's search: the bodies of
 * live comments and the notes of live annotations, gathered by canonical paper in one pass over
 * each root (a per-paper `listComments` would scan every comment once per paper).
 */
import type * as Y from 'yjs'
import { roots } from './keys'
import { paperClasses } from './same-paper'

interface Written {
  at: number
  id: string
  text: string
}

function paperOf(record: unknown, canonical: Map<string, string>): string | undefined {
  if (typeof record !== 'object' || record === null) return undefined
  const { paperId } = record as { paperId?: unknown }
  return typeof paperId === 'string' ? canonical.get(paperId) : undefined
}

function gather(
  records: Y.Map<unknown>,
  field: 'body' | 'note',
  canonical: Map<string, string>,
  only: ReadonlySet<string> | undefined,
  into: Map<string, Written[]>,
): void {
  records.forEach((record, id) => {
    const paper = paperOf(record, canonical)
    if (paper === undefined || (only && !only.has(paper))) return
    const fields = record as Record<string, unknown>
    const text = fields[field]
    if (fields.deleted === true || typeof text !== 'string' || !text) return
    const at = typeof fields.created === 'number' ? fields.created : 0
    const list = into.get(paper)
    if (list) list.push({ at, id, text })
    else into.set(paper, [{ at, id, text }])
  })
}

/**
 * The live comment bodies and annotation notes of every paper (or of the canonical papers in
 * `only`), by canonical paper id, oldest first and one per line. Papers nobody wrote about are
 * absent. The order is fixed by creation time and id, so the same document always gives the
 * same text.
 */
export function readCommentText(doc: Y.Doc, only?: ReadonlySet<string>): Map<string, string> {
  const { comments, annotations } = roots(doc)
  const { canonical } = paperClasses(doc)
  const by = new Map<string, Written[]>()
  gather(comments, 'body', canonical, only, by)
  gather(annotations, 'note', canonical, only, by)
  const text = new Map<string, string>()
  for (const [paper, written] of by) {
    written.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    text.set(paper, written.map((w) => w.text).join('\n'))
  }
  return text
}

/**
 * Calls `onChange` after each transaction that may change what {@link readCommentText} or the
 * papers read, with the canonical ids of the papers whose text may have changed, or with
 * undefined when the papers themselves changed (any paper's text or class may then differ).
 * Votes, tags and statuses do not call it. Returns the function that stops it.
 */
export function observeCommentText(
  doc: Y.Doc,
  onChange: (papers: ReadonlySet<string> | undefined) => void,
): () => void {
  const { papers, comments, annotations } = roots(doc)
  const onPapers = () => onChange(undefined)
  const onWritten = (event: Y.YMapEvent<unknown>) => {
    const { canonical } = paperClasses(doc)
    const touched = new Set<string>()
    for (const [key, change] of event.changes.keys) {
      // A record moves from one paper to another only if a replica rewrote it: look at both.
      for (const record of [change.oldValue, event.target.get(key)]) {
        const paper = paperOf(record, canonical)
        if (paper !== undefined) touched.add(paper)
      }
    }
    if (touched.size > 0) onChange(touched)
  }
  papers.observe(onPapers)
  comments.observe(onWritten)
  annotations.observe(onWritten)
  return () => {
    papers.unobserve(onPapers)
    comments.unobserve(onWritten)
    annotations.unobserve(onWritten)
  }
}
