import { createMemo, createSignal, type Accessor } from 'solid-js'
import type { GroupView } from '../../data/create-group-view'
import type { Author, PaperContextValue } from '../paper/paper-context'
import { focusAnnotationEntry } from '../paper/AnnotationItem'
import { createDrafts } from '../thread/drafts'
import type { Undoable } from '../UndoToast'
import type { Reveal } from './PdfPageView'

const FORMER_MEMBER: Author = { name: 'Former member', colour: '#888888' }

/**
 * What the annotation parts of the paper page share, for the reader: the same panel entries,
 * note editor and threads work here, with "the text" meaning the PDF's pages.
 */
export function createReaderContext(
  view: GroupView,
  paperId: Accessor<string>,
  narrow: Accessor<boolean>,
) {
  const [selectedId, setSelectedId] = createSignal<string>()
  const [expanded, setExpanded] = createSignal(false)
  const [offer, setOffer] = createSignal<Undoable>()
  const [announcement, setAnnouncement] = createSignal('')
  const [reveal, setReveal] = createSignal<Reveal>()
  const members = createMemo(() => new Map(view.members.value.map((m) => [m.id, m])))

  const context: PaperContextValue = {
    view,
    paperId,
    author: (memberId) => members().get(memberId) ?? FORMER_MEMBER,
    myColour: () => members().get(view.memberId() ?? '')?.colour,
    narrow,
    selectedId,
    // Picked in the panel: shown on its page, scrolled to when out of sight.
    select(annotationId) {
      setSelectedId(annotationId)
      if (annotationId !== undefined) setReveal({ id: annotationId, focus: false })
    },
    focusInPanel(annotationId) {
      setSelectedId(annotationId)
      if (narrow()) setExpanded(true)
      focusAnnotationEntry(annotationId)
    },
    focusInText(annotationId) {
      setSelectedId(annotationId)
      setExpanded(false)
      setReveal({ id: annotationId, focus: true })
    },
    announce(message) {
      setAnnouncement('')
      queueMicrotask(() => setAnnouncement(message))
    },
    offerUndo: (message, undo) => setOffer({ message, undo }),
    drafts: createDrafts(() => `${view.groupId}/${paperId()}`),
  }
  return { context, expanded, setExpanded, offer, setOffer, announcement, reveal, setReveal }
}
