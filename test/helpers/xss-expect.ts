import type * as Y from 'yjs'
import {
  getMember,
  listAnnotations,
  listComments,
  listMembers,
  listMeetings,
  listRounds,
  meetingNotes,
  readGroup,
  readLibrary,
  readRound,
  tagCounts,
} from '../../shared/model'
import { markersIn } from './xss-inspect'

/** One page of a group that the victim opens, and the markers it must show as text. */
export interface PageToCheck {
  /** A short name for reports: `paper raw-paper-03`, `meeting <id>`. */
  name: string
  /** The URL fragment, `#g/<groupId>/…`. */
  hash: string
  markers: Set<string>
}

function markers(...texts: Array<string | undefined>): Set<string> {
  return markersIn(texts.filter((text) => text !== undefined).join('\n'))
}

function union(...sets: Array<Set<string>>): Set<string> {
  return new Set(sets.flatMap((set) => [...set]))
}

/**
 * The pages of a group and what each must show, read from the group as the victim's browser
 * gets it (the model's readers, which drop what they cannot read): a value a reader keeps must
 * be on the page as text; a value it drops needs only be inert. Every group page shows the
 * group's name in its header and the online members (`online`) in its presence bar.
 */
export function pagesOf(doc: Y.Doc, groupId: string, online: Set<string>): PageToCheck[] {
  const group = `#g/${groupId}`
  const everywhere = union(markers(readGroup(doc)?.name), online)
  const name = (memberId: string) => getMember(doc, memberId)?.name
  const library = readLibrary(doc)
  const titleOf = new Map(library.map((entry) => [entry.paper.id, entry.paper.title]))
  const pages: PageToCheck[] = [
    {
      name: 'library',
      hash: group,
      markers: union(
        everywhere,
        ...library.map(({ paper, tags }) =>
          markers(paper.title, ...paper.authors, paper.abstract, ...tags),
        ),
      ),
    },
    {
      name: 'tags',
      hash: `${group}/tags`,
      markers: union(everywhere, markers(...tagCounts(doc).map((tag) => tag.tag))),
    },
    {
      name: 'rounds',
      hash: `${group}/rounds`,
      markers: union(everywhere, markers(...listRounds(doc).map((round) => round.title))),
    },
    {
      name: 'meetings',
      hash: `${group}/meetings`,
      markers: union(everywhere, markers(...listMeetings(doc).map(({ meeting }) => meeting.title))),
    },
  ]
  for (const { paper, tags, voters } of library) {
    const comments = listComments(doc, paper.id).filter((comment) => !comment.deleted)
    const notes = listAnnotations(doc, paper.id)
    pages.push({
      name: `paper ${paper.id}`,
      hash: `${group}/p/${encodeURIComponent(paper.id)}`,
      markers: union(
        everywhere,
        markers(paper.title, ...paper.authors, paper.abstract, paper.doi, ...tags),
        markers(...voters.map(name)),
        markers(...comments.flatMap((comment) => [comment.body, name(comment.author)])),
        markers(...notes.flatMap((note) => [note.note, name(note.author)])),
      ),
    })
  }
  for (const round of listRounds(doc)) {
    const view = readRound(doc, round.id)
    pages.push({
      name: `round ${round.id}`,
      hash: `${group}/r/${round.id}`,
      markers: union(
        everywhere,
        markers(round.title, ...(view?.candidates ?? []).map((id) => titleOf.get(id))),
      ),
    })
  }
  const members = listMembers(doc).map((member) => member.name)
  for (const { meeting, agenda } of listMeetings(doc)) {
    pages.push({
      name: `meeting ${meeting.id}`,
      hash: `${group}/m/${meeting.id}`,
      markers: union(
        everywhere,
        markers(meeting.title, meetingNotes(doc, meeting.id)?.toString()),
        markers(...agenda.map((item) => titleOf.get(item.paperId))),
        // Each agenda paper's presenter picker lists every member.
        agenda.length > 0 ? markers(...members) : new Set(),
      ),
    })
  }
  return pages
}
