import { For, Index, Show, createMemo } from 'solid-js'
import {
  highlightSegments,
  type HighlightSegment,
} from '../../../shared/anchoring/highlight-segments'
import { highlightBackground, safeColour } from './highlight-colours'

/** An annotation placed on the text. */
export interface TextHighlight {
  id: string
  colour: string
  start: number
  end: number
}

/** Another member's selection in the text, shown while they hold it. */
export interface PeerSelection {
  id: string
  name: string
  colour: string
  start: number
  end: number
}

type Key =
  | { kind: 'annotation'; id: string; colour: string; start: number; length: number }
  | { kind: 'peer'; id: string; name: string; colour: string; start: number }

type AnnotationKey = Extract<Key, { kind: 'annotation' }>
type PeerKey = Extract<Key, { kind: 'peer' }>

/** The id of the element that says who made an annotation (in the panel). */
export const annotationByline = (id: string) => `annotation-${id}-by`

/** The first mark of an annotation's highlight inside `root`. */
export function firstMarkOf(root: ParentNode, annotationId: string): HTMLElement | undefined {
  for (const mark of root.querySelectorAll<HTMLElement>('mark[data-annotations]')) {
    const ids: unknown = JSON.parse(mark.dataset.annotations ?? '[]')
    if (Array.isArray(ids) && ids.includes(annotationId)) return mark
  }
  return undefined
}

/** Which of the highlights over a passage a click means: the innermost, then the next one out. */
function chooseAnnotation(keys: readonly AnnotationKey[], selected: string | undefined): string {
  const inward = [...keys].sort((a, b) => a.length - b.length)
  const at = inward.findIndex((key) => key.id === selected)
  return inward[(at + 1) % inward.length]?.id ?? ''
}

/**
 * The abstract with every highlight painted in place, overlaps darker, and other members'
 * selections outlined in their colour. While `frozen` (the member is selecting), it keeps the
 * text nodes as they are, so that a remote change cannot pull the selection from under them.
 */
export function AbstractText(props: {
  text: string
  highlights: readonly TextHighlight[]
  peers: readonly PeerSelection[]
  selectedId: string | undefined
  frozen: boolean
  onActivate: (annotationId: string) => void
  ref: (element: HTMLParagraphElement) => void
}) {
  const segments = createMemo<HighlightSegment<Key>[]>((previous) => {
    if (props.frozen && previous) return previous
    const ranges = [
      ...props.highlights.map((h) => ({
        key: {
          kind: 'annotation',
          id: h.id,
          colour: h.colour,
          start: h.start,
          length: h.end - h.start,
        } as Key,
        start: h.start,
        end: h.end,
      })),
      ...props.peers.map((p) => ({
        key: { kind: 'peer', id: p.id, name: p.name, colour: p.colour, start: p.start } as Key,
        start: p.start,
        end: p.end,
      })),
    ]
    return highlightSegments(props.text, ranges)
  })

  return (
    <p class="abstract-text" ref={props.ref} tabIndex={-1}>
      <Index each={segments()}>
        {(segment) => (
          <Segment
            segment={segment()}
            selectedId={props.selectedId}
            onActivate={props.onActivate}
          />
        )}
      </Index>
    </p>
  )
}

function Segment(props: {
  segment: HighlightSegment<Key>
  selectedId: string | undefined
  onActivate: (annotationId: string) => void
}) {
  const annotations = () =>
    props.segment.keys.filter((key): key is AnnotationKey => key.kind === 'annotation')
  const peers = () => props.segment.keys.filter((key): key is PeerKey => key.kind === 'peer')
  // The innermost highlight gives the colour; each one over it darkens it.
  const background = () => {
    const inward = [...annotations()].sort((a, b) => a.length - b.length)
    return inward[0] && highlightBackground(inward[0].colour, inward.length)
  }
  const peerColour = () => {
    const first = peers()[0]
    return first && safeColour(first.colour)
  }
  const startsHere = () => annotations().some((key) => key.start === props.segment.start)
  const activate = () => props.onActivate(chooseAnnotation(annotations(), props.selectedId))
  return (
    <Show when={props.segment.keys.length > 0} fallback={props.segment.text}>
      <Show
        when={annotations().length > 0}
        fallback={
          <span class="peer-selection" style={{ 'border-bottom-color': peerColour() }}>
            <PeerLabels peers={peers()} start={props.segment.start} />
            {props.segment.text}
          </span>
        }
      >
        <mark
          class="highlight"
          classList={{
            'is-selected': annotations().some((key) => key.id === props.selectedId),
            'peer-selection': peers().length > 0,
          }}
          style={{ 'background-color': background(), 'border-bottom-color': peerColour() }}
          data-annotations={JSON.stringify(annotations().map((key) => key.id))}
          tabIndex={startsHere() ? 0 : -1}
          role="button"
          aria-roledescription="highlight"
          aria-describedby={annotations()
            .map((key) => annotationByline(key.id))
            .join(' ')}
          onClick={(event) => {
            // A drag that ends on a highlight selects text; it is not a click on the highlight.
            const selection = document.getSelection()
            const dragged =
              selection &&
              !selection.isCollapsed &&
              selection.rangeCount > 0 &&
              selection.getRangeAt(0).intersectsNode(event.currentTarget)
            if (!dragged) activate()
          }}
          onKeyDown={(event) => {
            if (event.key !== 'Enter' && event.key !== ' ') return
            event.preventDefault()
            activate()
          }}
        >
          <PeerLabels peers={peers()} start={props.segment.start} />
          {props.segment.text}
        </mark>
      </Show>
    </Show>
  )
}

/**
 * "Ben is selecting:" for screen readers where a member's selection begins. Not part of the
 * text: offsets skip it (data-offset-ignore, see selection-offsets.ts) and it cannot be selected.
 */
function PeerLabels(props: { peers: readonly PeerKey[]; start: number }) {
  return (
    <For each={props.peers.filter((peer) => peer.start === props.start)}>
      {(peer) => (
        <span class="visually-hidden peer-label" data-offset-ignore="">
          {`${peer.name} is selecting: `}
        </span>
      )}
    </For>
  )
}
