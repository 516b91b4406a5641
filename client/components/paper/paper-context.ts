import { createContext, useContext, type Accessor } from 'solid-js'
import type { GroupView } from '../../data/create-group-view'
import type { Drafts } from '../thread/drafts'

/** How a member is shown: their name and colour, or a stand-in for one who left no profile. */
export interface Author {
  name: string
  colour: string
}

/** What the parts of a paper's page share. */
export interface PaperContextValue {
  view: GroupView
  /** The paper's canonical id. */
  paperId: Accessor<string>
  author(memberId: string): Author
  /** The member's own colour, once they have a profile in the group. */
  myColour: Accessor<string | undefined>
  /** True at phone width, where the annotations are a bottom sheet. */
  narrow: Accessor<boolean>
  /** The annotation picked in the text or the panel, shown in both. */
  selectedId: Accessor<string | undefined>
  select(annotationId: string | undefined): void
  /** Selects the annotation and moves focus to it in the panel (opening the sheet on a phone). */
  focusInPanel(annotationId: string): void
  /** Selects the annotation and moves focus to its highlight in the text. */
  focusInText(annotationId: string): void
  /** Says something to screen readers. */
  announce(message: string): void
  /** Shows "message  Undo" until undone, dismissed or replaced. */
  offerUndo(message: string, undo: () => void): void
  drafts: Drafts
}

export const PaperContext = createContext<PaperContextValue>()

/** The paper page's shared state; only inside a paper page. */
export function usePaperContext(): PaperContextValue {
  const value = useContext(PaperContext)
  if (!value) throw new Error('usePaperContext outside a paper page')
  return value
}
