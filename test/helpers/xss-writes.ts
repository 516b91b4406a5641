import * as Y from 'yjs'
import {
  addAnnotation,
  addComment,
  addTag,
  createGroup,
  createMeeting,
  createRound,
  meetingNotes,
  renameTag,
  selectorsFor,
  setPresenter,
  setVote,
  upsertMember,
  type Actor,
} from '../../shared/model'
import { pairKey, roots } from '../../shared/model/keys'
import type { AtomEntryFields } from '../fixtures/importers/atom'
import { atomEntry, atomFeed } from '../fixtures/importers/atom'
import { bibEntry, bibFile } from '../fixtures/importers/bibtex'
import { hfDailyJson, hfItem, hfPaper } from '../fixtures/importers/hf-daily'
import { XSS_PAYLOADS, xssMarker, xssText, type XssPayload } from '../fixtures/xss-payloads'
import { xmlText } from './xss-arxiv'

/** The paper every per-paper payload (comments, notes, tags, votes) goes on. */
export const TARGET_TITLE = 'Target paper for hostile text'

/** Distinct passages of the target's abstract, one for each payload's highlight. */
export function targetPassage(payload: XssPayload): string {
  return `Passage ${payload.id} of the target`
}

const TARGET_ABSTRACT = XSS_PAYLOADS.map((payload) => `${targetPassage(payload)}.`).join(' ')

/** One line: importers that read paragraphs would split a payload at a blank line. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/** A DOI the model accepts (no spaces) that still carries markup, and a marker. */
function hostileDoi(field: string, payload: XssPayload): string {
  return `10.1234/${xssMarker(field, payload)}"><img/src=x/onerror=alert(${payload.id})>`
}

/** arXiv ids of the papers imported by id, whose details come from the hostile arXiv. */
export function arxivIdOf(payload: XssPayload): string {
  return `2401.100${payload.id}`
}

/** What the hostile arXiv answers for each id of {@link arxivIdOf}. */
export function hostileArxivEntries(): Map<string, AtomEntryFields> {
  return new Map(
    XSS_PAYLOADS.map((payload) => [
      arxivIdOf(payload),
      {
        title: xmlText(oneLine(xssText('it', payload, 1000))),
        summary: xmlText(xssText('ib', payload, 20_000)),
        authors: [xmlText(oneLine(xssText('ia', payload, 300)))],
        doi: xmlText(hostileDoi('id', payload)),
        abstractLink: xmlText('javascript:alert(1)'),
        pdfLink: xmlText('data:text/html,<script>alert(1)</script>'),
      },
    ]),
  )
}

/** The texts a member pastes into the import dialog, one per format, with hostile fields. */
export function hostileImports(): Record<string, string> {
  const trending = [
    'Get trending papers in your email inbox!',
    'Trending Papers',
    TARGET_TITLE,
    TARGET_ABSTRACT,
    ...XSS_PAYLOADS.flatMap((payload) => [
      oneLine(xssText('tt', payload, 300)),
      `${oneLine(xssText('tb', payload, 19_000))} This abstract ends here.`,
    ]),
  ].join('\n\n')
  const bibtex = bibFile(
    ...XSS_PAYLOADS.map((payload) =>
      bibEntry('article', `xss${payload.id}`, {
        title: `{${xssText('bt', payload, 1000)}}`,
        author: `{${xssText('ba', payload, 300)}}`,
        abstract: `{${xssText('bb', payload, 20_000)}}`,
        url: '{javascript:alert(1)}',
        doi: `{${hostileDoi('bd', payload)}}`,
        year: '{2024}',
      }),
    ),
  )
  const hf = hfDailyJson(
    XSS_PAYLOADS.map((payload) =>
      hfItem(
        hfPaper({
          id: `2402.100${payload.id}`,
          title: xssText('ht', payload, 1000),
          summary: xssText('hb', payload, 20_000),
          authors: [{ name: oneLine(xssText('ha', payload, 300)) }],
        }),
      ),
    ),
  )
  const atom = atomFeed(
    XSS_PAYLOADS.map((payload) =>
      atomEntry({
        id: `http://arxiv.org/abs/2403.100${payload.id}v1`,
        title: xmlText(oneLine(xssText('xt', payload, 1000))),
        summary: xmlText(xssText('xb', payload, 20_000)),
        authors: [xmlText(oneLine(xssText('xa', payload, 300)))],
        doi: xmlText(hostileDoi('xd', payload)),
        abstractLink: xmlText('javascript:alert(1)'),
        pdfLink: xmlText('data:text/html,<script>alert(1)</script>'),
      }),
    ),
  )
  const ids = XSS_PAYLOADS.map(arxivIdOf).join('\n')
  return { trending, bibtex, 'Hugging Face JSON': hf, 'arXiv Atom': atom, 'arXiv ids': ids }
}

/** The member id of the hostile script's member for one payload. */
export function hostileMemberId(payload: XssPayload): string {
  return `hostile-member-${payload.id}`
}

/** A valid, fixed colour: the names, not the colours, are the payload here. */
const COLOUR = '#aa3355'
const DAY = '2031-03-20'

/** How many values each kind of write put into the document. */
export type WriteCounts = Record<string, number>

function count(counts: WriteCounts, field: string, by = 1): void {
  counts[field] = (counts[field] ?? 0) + by
}

/**
 * What a member's scripted client can write through the model's own mutations (every check
 * applies): a member per payload with that payload as its name, who votes for and comments on
 * the target, a round and a meeting per payload (title, notes, the member as presenter), and a
 * tag per payload reached by renaming.
 */
export function writeThroughModel(doc: Y.Doc, targetId: string, counts: WriteCounts): void {
  for (const payload of XSS_PAYLOADS) {
    const actor: Actor = { memberId: hostileMemberId(payload) }
    upsertMember(doc, actor, { name: xssText('mn', payload, 60), colour: COLOUR })
    setVote(doc, actor, targetId, true)
    addComment(doc, actor, { paperId: targetId, body: `Reply from member ${payload.id}.` })
    createRound(doc, actor, { title: xssText('rt', payload, 1000), candidates: [targetId] })
    const meeting = createMeeting(doc, actor, {
      date: DAY,
      title: xssText('mt', payload, 1000),
      papers: [targetId],
    })
    meetingNotes(doc, meeting.id)?.insert(0, xssText('mo', payload, 50_000))
    setPresenter(doc, actor, meeting.id, targetId, actor.memberId)
    addTag(doc, actor, targetId, `rename-${payload.id}`)
    renameTag(doc, actor, `rename-${payload.id}`, xssText('tr', payload, 50))
  }
  for (const field of ['member name', 'round title', 'meeting title', 'meeting notes']) {
    count(counts, `${field} (model)`, XSS_PAYLOADS.length)
  }
  count(counts, 'presenter choice (model)', XSS_PAYLOADS.length)
  count(counts, 'tag rename (model)', XSS_PAYLOADS.length)
}

const JS_URL = 'javascript:alert(1)'
const HOSTILE_CSS = 'red;background:url(javascript:alert(1))'
const MARKUP = '"><img src=x onerror=alert(1)>'

/**
 * What a tampered replica can write by skipping the model's checks, straight into the root
 * maps: over-long and hostile papers (script titles, `javascript:` and `data:` links, markup in
 * the DOI, arXiv id and date), a member with CSS for a colour, an annotation with CSS for a
 * colour, hostile tags and tag aliases, a round and meetings with markup for dates, a title
 * edit, and a presenter id that is markup. Readers are expected to drop or neutralise what they
 * cannot show; what they keep must show as text.
 */
export function writeRaw(doc: Y.Doc, targetId: string, counts: WriteCounts): void {
  const { papers, members, comments, annotations, tags, tagAliases, rounds, meetings } = roots(doc)
  const { meetingEdits, presenters, agenda } = roots(doc)
  const by = 'raw-member'
  const now = Date.now()
  doc.transact(() => {
    members.set(by, {
      name: xssText('rmn', XSS_PAYLOADS[0]!, 2_000),
      colour: HOSTILE_CSS,
      joined: now,
    })
    for (const payload of XSS_PAYLOADS) {
      const id = payload.id === '08' ? `x${MARKUP}` : `raw-paper-${payload.id}`
      papers.set(id, {
        title: xssText('rpt', payload, 5_000),
        authors: [xssText('rpa', payload, 2_000), 'A second author'],
        abstract: xssText('rpb', payload, 40_000),
        links: { abstract: JS_URL, pdf: 'data:text/html,<script>alert(1)</script>' },
        // Distinct per paper: papers sharing an arXiv id or DOI fold into one (same-paper.ts).
        arxivId: `${JS_URL}//${payload.id}`,
        doi: `10.1/${MARKUP}${payload.id}`,
        published: MARKUP,
        source: 'manual',
        addedBy: by,
        addedAt: now,
        needsMetadata: false,
      })
      comments.set(`raw-comment-${payload.id}`, {
        paperId: targetId,
        author: payload.id === '01' ? by : `${MARKUP}${payload.id}`,
        body: xssText('rcm', payload, 40_000),
        created: now,
        deleted: false,
      })
    }
    count(counts, 'paper title, authors, abstract, links, DOI, date (raw)', XSS_PAYLOADS.length)
    count(counts, 'comment with a forged author (raw)', XSS_PAYLOADS.length)
    count(counts, 'member with CSS for a colour (raw)')

    tags.set(pairKey(targetId, xssText('rtg', XSS_PAYLOADS[1]!, 50).toLowerCase()), {
      addedBy: by,
      addedAt: now,
    })
    tags.set(pairKey(targetId, `UPPER ${xssText('rtu', XSS_PAYLOADS[0]!, 200)}`), {
      addedBy: by,
      addedAt: now,
    })
    tags.set(pairKey(targetId, 'aliased-raw'), { addedBy: by, addedAt: now })
    tagAliases.set('aliased-raw', { to: xssText('rta', XSS_PAYLOADS[2]!, 50), by, at: now })
    count(counts, 'tag and tag alias (raw)', 4)

    rounds.set('raw-round', {
      title: xssText('rrt', XSS_PAYLOADS[13]!, 5_000),
      meetingDate: MARKUP,
      createdBy: by,
      created: now,
    })
    meetings.set('raw-meeting-bad-date', {
      date: MARKUP,
      title: xssText('rmt', XSS_PAYLOADS[5]!, 5_000),
      createdBy: by,
      created: now,
    })
    meetings.set('raw-meeting', { date: DAY, title: 'Raw meeting', createdBy: by, created: now })
    agenda.set(pairKey('raw-meeting', targetId), { addedBy: by, addedAt: now, entry: 'raw-entry' })
    meetingEdits.set(pairKey('raw-meeting', 'title'), {
      value: xssText('rme', XSS_PAYLOADS[12]!, 5_000),
      by,
      at: now,
    })
    presenters.set(pairKey('raw-meeting', targetId), {
      memberId: MARKUP,
      by,
      at: now,
      entry: 'raw-entry',
    })
    count(counts, 'round, meetings, title edit, presenter (raw)', 5)
  })
  const [first] = annotationTargets(doc, targetId)
  if (first) {
    const note = addAnnotation(doc, { memberId: hostileMemberId(XSS_PAYLOADS[0]!) }, first)
    annotations.set(note.id, {
      ...(annotations.get(note.id) as Record<string, unknown>),
      colour: HOSTILE_CSS,
      note: xssText('ran', XSS_PAYLOADS[8]!, 40_000),
    })
    count(counts, 'annotation with CSS for a colour (raw)')
  }
}

/** An annotation input on the target's first passage, for the raw annotation. */
function annotationTargets(doc: Y.Doc, targetId: string) {
  const abstract = (roots(doc).papers.get(targetId) as { abstract?: string } | undefined)?.abstract
  if (!abstract) return []
  const passage = targetPassage(XSS_PAYLOADS[0]!)
  const start = abstract.indexOf(passage)
  return [
    {
      paperId: targetId,
      target: {
        source: targetId,
        ...selectorsFor(abstract, start, start + passage.length),
      },
    },
  ]
}

/**
 * A group per payload, made on a scripted client with that payload as its name (and one whose
 * name was written past the model's checks): each is synced to the server by the caller.
 */
export function hostileGroupDocs(
  counts: WriteCounts,
): Array<{ doc: Y.Doc; payload: XssPayload | undefined }> {
  const docs: Array<{ doc: Y.Doc; payload: XssPayload | undefined }> = XSS_PAYLOADS.map(
    (payload) => {
      const doc = new Y.Doc()
      createGroup(
        doc,
        { memberId: 'hostile-founder' },
        { name: xssText('gn', payload, 100), description: xssText('gd', payload, 2_000) },
        { name: 'Founder', colour: COLOUR },
      )
      return { doc, payload }
    },
  )
  const raw = new Y.Doc()
  createGroup(raw, { memberId: 'hostile-founder' }, { name: 'placeholder' })
  roots(raw).meta.set('name', xssText('rgn', XSS_PAYLOADS[0]!, 5_000))
  docs.push({ doc: raw, payload: undefined })
  count(counts, 'group name and description (model)', XSS_PAYLOADS.length)
  count(counts, 'group name (raw)')
  return docs
}

/** What each marker's field code stands for (see test/fixtures/xss-payloads.ts). */
export const FIELD_NAMES: Record<string, string> = {
  um: 'member name (UI)',
  ug: 'group name (UI)',
  tt: 'title, trending paste',
  tb: 'abstract, trending paste',
  bt: 'title, BibTeX',
  ba: 'author, BibTeX',
  bb: 'abstract, BibTeX',
  bd: 'DOI, BibTeX',
  ht: 'title, HF JSON',
  ha: 'author, HF JSON',
  hb: 'abstract, HF JSON',
  xt: 'title, Atom paste',
  xa: 'author, Atom paste',
  xb: 'abstract, Atom paste',
  xd: 'DOI, Atom paste',
  it: 'title, by arXiv id',
  ia: 'author, by arXiv id',
  ib: 'abstract, by arXiv id',
  id: 'DOI, by arXiv id',
  tg: 'tag (UI)',
  cm: 'comment (UI)',
  an: 'annotation note (UI)',
  ur: 'tag rename (UI)',
  urt: 'round title (UI)',
  umt: 'meeting title (UI)',
  umo: 'meeting notes (UI)',
  mn: 'member name / presenter (model)',
  gn: 'group name (model)',
  rt: 'round title (model)',
  mt: 'meeting title (model)',
  mo: 'meeting notes (model)',
  tr: 'tag rename (model)',
  ps: 'presence name (awareness)',
  rmn: 'member name (raw)',
  rpt: 'paper title (raw)',
  rpa: 'paper author (raw)',
  rpb: 'paper abstract (raw)',
  rcm: 'comment (raw)',
  ran: 'annotation note (raw)',
  rtg: 'tag (raw)',
  rtu: 'tag not in canonical form (raw)',
  rta: 'tag alias (raw)',
  rrt: 'round title (raw)',
  rme: 'meeting title edit (raw)',
  rgn: 'group name (raw)',
}
