import { createDrafts } from '../thread/drafts'

/** What the form to open a round holds, kept across reloads until the round is opened. */
export interface NewRoundDraft {
  title: string
  meetingDate: string
  /** Paper ids in the order they were ticked. */
  chosen: string[]
}

/** The question a round asks unless the member writes another. */
export const DEFAULT_ROUND_TITLE = 'What do we read next?'

const KEY = 'new-round'

const empty = (): NewRoundDraft => ({ title: DEFAULT_ROUND_TITLE, meetingDate: '', chosen: [] })

/** A stored draft, read defensively: storage is this device's, but may hold an older shape. */
function parse(text: string | undefined): NewRoundDraft {
  if (text === undefined) return empty()
  try {
    const value = JSON.parse(text) as Partial<Record<keyof NewRoundDraft, unknown>>
    return {
      title: typeof value.title === 'string' ? value.title : DEFAULT_ROUND_TITLE,
      meetingDate: typeof value.meetingDate === 'string' ? value.meetingDate : '',
      chosen: Array.isArray(value.chosen)
        ? value.chosen.filter((id): id is string => typeof id === 'string')
        : [],
    }
  } catch {
    return empty()
  }
}

/** The group's draft of a new round, in this browser's storage (see thread/drafts.ts). */
export function newRoundDraft(groupId: string) {
  const drafts = createDrafts(() => `${groupId}/rounds`)
  return {
    read: () => parse(drafts.read(KEY)),
    write: (draft: NewRoundDraft) => drafts.write(KEY, JSON.stringify(draft)),
    clear: () => drafts.clear(KEY),
  }
}
