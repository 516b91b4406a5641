/**
 * The plain-object shapes that readers return and mutations take. Components and the server
 * see only these; the Yjs layout behind them is private to `shared/model/`.
 */
import type { SchulzeResult } from '../ranking/schulze'

/** Where a paper's metadata came from. */
export type PaperSource = 'trending' | 'arxiv' | 'atom' | 'hf-daily' | 'bibtex' | 'manual'

/** Every paper source, for validation and UI filters. */
export const PAPER_SOURCES: readonly PaperSource[] = [
  'trending',
  'arxiv',
  'atom',
  'hf-daily',
  'bibtex',
  'manual',
]

/** A member's reading status for one paper. */
export type ReadingStatus = 'to-read' | 'reading' | 'read'

/** Every reading status, in the order a member moves through them. */
export const READING_STATUSES: readonly ReadingStatus[] = ['to-read', 'reading', 'read']

/** Group settings. */
export interface GroupSettings {
  name: string
  description: string
  /** Epoch milliseconds. */
  created: number
  /** The schema version the document is written in. */
  schemaVersion: number
}

/** A member's public profile inside one group. */
export interface Member {
  id: string
  name: string
  /** `#rrggbb`. */
  colour: string
  /** Epoch milliseconds of the member's first appearance in the group. */
  joined: number
}

/** Links of a paper. */
export interface PaperLinks {
  abstract?: string
  pdf?: string
}

/**
 * A paper as an importer produces it and `addPaper` takes it. Either a title or an arXiv id is
 * required; a paper with only an id is stored with a placeholder title and `needsMetadata`.
 */
export interface PaperInput {
  title?: string
  authors?: string[]
  abstract?: string
  /** An arXiv id, with or without version; stored without. */
  arxivId?: string
  doi?: string
  links?: PaperLinks
  /** ISO 8601 date (`2024-03-13`) or date-time. */
  published?: string
  source: PaperSource
}

/** A paper in the group's library. Immutable text, stored as a plain value. */
export interface Paper {
  /** The arXiv id without version when known, else `h:` and a hash of the normalized title. */
  id: string
  title: string
  authors: string[]
  abstract: string
  arxivId?: string
  doi?: string
  links: PaperLinks
  published?: string
  source: PaperSource
  addedBy: string
  /** Epoch milliseconds. */
  addedAt: number
  /** True while only the arXiv id is known and the metadata is still to be filled in. */
  needsMetadata: boolean
}

/** W3C Web Annotation TextQuoteSelector. */
export interface TextQuoteSelector {
  exact: string
  prefix: string
  suffix: string
}

/** W3C Web Annotation TextPositionSelector: UTF-16 offsets into the text, end exclusive. */
export interface TextPositionSelector {
  start: number
  end: number
}

/**
 * What an annotation points at: a passage of one paper's text. Without `page` the text is the
 * paper's abstract; with `page` it is that page's text of the paper's PDF (1-based), as
 * `pdfPageText` (shared/anchoring/pdf-page-text.ts) joins it.
 */
export interface AnnotationTarget {
  source: string
  page?: number
  /**
   * The SHA-256 (64 lowercase hex digits) of the PDF the highlight was made on, when `page` is
   * set: a hint telling which of a paper's PDFs it belongs to. Anchoring never depends on it.
   */
  pdf?: string
  quote: TextQuoteSelector
  position: TextPositionSelector
}

/** A highlight, with or without a note. */
export interface Annotation {
  id: string
  paperId: string
  author: string
  target: AnnotationTarget
  /** `#rrggbb`. */
  colour: string
  /** Markdown; may be empty for a bare highlight. */
  note: string
  created: number
  edited: number | undefined
  deleted: boolean
}

/** A comment in a thread; a reply has a parent. */
export interface Comment {
  id: string
  paperId: string
  /** Set when the thread hangs off an annotation. */
  annotationId: string | undefined
  /** Set on replies. */
  parentId: string | undefined
  author: string
  /** Markdown. Kept after deletion so that an undo can bring it back; not shown while deleted. */
  body: string
  created: number
  edited: number | undefined
  deleted: boolean
  /** Only ever true on a thread's root. */
  resolved: boolean
}

/** One tag on one paper. */
export interface PaperTag {
  tag: string
  addedBy: string
  addedAt: number
}

/** A renamed or merged tag: `from` reads as `to` (see tag-aliases.ts). */
export interface TagAlias {
  from: string
  to: string
  /** The member who renamed it. */
  by: string
  /** Epoch milliseconds, by the renaming member's clock. */
  at: number
}

/** One member's reading status of one paper. */
export interface MemberStatus {
  memberId: string
  status: ReadingStatus
  at: number
}

/** Who is acting, and when. Every mutation takes one. */
export interface Actor {
  memberId: string
  /** Epoch milliseconds; defaults to `Date.now()`. Tests pass a fixed clock. */
  now?: number
}

/** A ranked-choice round: "what do we read on <date>?". */
export interface Round {
  id: string
  title: string
  /** ISO 8601 date of the meeting the round chooses for, when one is set. */
  meetingDate?: string
  createdBy: string
  /** Epoch milliseconds. */
  created: number
}

/** A round in the list of rounds, with whether it is closed. */
export interface RoundSummary extends Round {
  closed: boolean
}

/** What `createRound` takes. */
export interface RoundInput {
  title: string
  /** ISO 8601 date (`2026-03-20`) of the meeting. */
  meetingDate?: string
  /** Paper ids of the candidates, in the order they are added. */
  candidates: string[]
}

/** A round as its page shows it. */
export interface RoundView {
  round: Round
  /** Canonical paper ids, in the round's order: first added first, then by id. */
  candidates: string[]
  /** The ballots that count, by member id: frozen ones while the round is closed, else live. */
  ballots: Record<string, string[]>
  closed: boolean
  /** While the round is closed: who closed it, and when (epoch ms). */
  closedBy?: string
  closedAt?: number
  /** The group ranking of `candidates` over `ballots` (see docs/ranking.md). */
  result: SchulzeResult
}

/** A reading-group meeting. */
export interface Meeting {
  id: string
  /** ISO 8601 day (`2026-03-20`). */
  date: string
  /** May be empty. */
  title: string
  /** The closed round its agenda was taken from, if any. */
  roundId?: string
  createdBy: string
  /** Epoch milliseconds. */
  created: number
  /** Set while the meeting is deleted (it can be restored): who deleted it, and when. */
  deleted?: { by: string; at: number }
}

/** What `createMeeting` takes. */
export interface MeetingInput {
  /** ISO 8601 day (`2026-03-20`). */
  date: string
  title?: string
  /** A closed round whose best papers open the agenda. */
  roundId?: string
  /** How many of the round's best papers (default: all, up to the agenda's limit). */
  count?: number
  /** Papers picked by hand, after the round's. */
  papers?: string[]
}

/** One paper on a meeting's agenda. */
export interface AgendaItem {
  /** Canonical paper id. */
  paperId: string
  /** Member id of who presents it, once chosen. */
  presenter?: string
}

/** A meeting with its agenda, in order. */
export interface MeetingView {
  meeting: Meeting
  agenda: AgendaItem[]
}
