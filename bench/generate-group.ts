/**
 * A large synthetic group for benchmarks, built through the model's own mutations so that its
 * encoding is what real use produces.
 */
import * as Y from 'yjs'
import {
  addAnnotation,
  addComment,
  createGroup,
  importPapers,
  selectorsFor,
  setReadingStatus,
  toggleVote,
  upsertMember,
  type PaperInput,
} from '../shared/model'

/** How big a group to make. */
export interface GroupSize {
  papers: number
  annotations: number
  comments: number
  members: number
}

/** The group of the cold-start targets: 2,000 papers, 20,000 annotations and comments, 30 members. */
export const LARGE_GROUP: GroupSize = {
  papers: 2_000,
  annotations: 20_000,
  comments: 20_000,
  members: 30,
}

/** LARGE_GROUP scaled to `papers` papers, with as many annotations and comments per paper. */
export function groupOfSize(papers: number): GroupSize {
  const scale = papers / LARGE_GROUP.papers
  return {
    papers,
    annotations: Math.round(LARGE_GROUP.annotations * scale),
    comments: Math.round(LARGE_GROUP.comments * scale),
    members: LARGE_GROUP.members,
  }
}

const WORDS =
  'model learning data reward policy value network training language vision graph'.split(' ')

function sentence(seed: number, words: number): string {
  const out: string[] = []
  for (let i = 0; i < words; i++) out.push(WORDS[(seed * 7 + i * 13) % WORDS.length] as string)
  return out.join(' ')
}

/** Builds the group; deterministic for a given size. */
export function generateGroup(size: GroupSize): Y.Doc {
  const doc = new Y.Doc()
  const start = Date.UTC(2026, 0, 1)
  const members = Array.from({ length: size.members }, (_, i) => `member-${i}`)
  createGroup(doc, { memberId: members[0] as string, now: start }, { name: 'Benchmark group' })
  members.forEach((memberId, i) => {
    const colour = `#${((i * 2654435761) >>> 8).toString(16).padStart(6, '0').slice(0, 6)}`
    upsertMember(doc, { memberId, now: start + i }, { name: `Member ${i}`, colour })
  })
  const inputs: PaperInput[] = Array.from({ length: size.papers }, (_, i) => ({
    title: `Paper ${i}: ${sentence(i, 8)}`,
    authors: [`Author ${i}`, `Author ${i + 1}`, `Author ${i + 2}`],
    abstract: `${sentence(i, 180)}.`,
    arxivId: `24${String(1 + (i % 12)).padStart(2, '0')}.${String(10_000 + i).padStart(5, '0')}`,
    published: '2024-03-13',
    source: 'arxiv',
  }))
  const papers = importPapers(doc, { memberId: members[0] as string, now: start }, inputs).added
  const actor = (i: number) => ({ memberId: members[i % members.length] as string, now: start + i })
  for (let i = 0; i < size.annotations; i++) {
    const paper = papers[i % papers.length]!
    const from = (i * 31) % (paper.abstract.length - 40)
    const target = { source: paper.id, ...selectorsFor(paper.abstract, from, from + 30) }
    addAnnotation(doc, actor(i), { paperId: paper.id, target, note: i % 3 ? '' : sentence(i, 12) })
  }
  const roots: string[] = []
  for (let i = 0; i < size.comments; i++) {
    const paper = papers[i % papers.length]!
    const parentId = i % 4 === 0 || roots.length === 0 ? undefined : roots[roots.length - 1]
    const comment = addComment(doc, actor(i), {
      paperId: paper.id,
      parentId: parentId && i % papers.length === (i - 1) % papers.length ? parentId : undefined,
      body: sentence(i, 25),
    })
    if (!comment.parentId) roots.push(comment.id)
  }
  papers.forEach((paper, i) => {
    for (let m = 0; m < 5; m++) toggleVote(doc, actor(i + m), paper.id)
    setReadingStatus(doc, actor(i), paper.id, 'read')
  })
  return doc
}
