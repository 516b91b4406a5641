import type * as Y from 'yjs'
import { createSignal, type Setter } from 'solid-js'
import { fireEvent, render } from '@solidjs/testing-library'
import {
  addAnnotation,
  addPaper,
  selectorsFor,
  type Actor,
  type Paper,
  type PaperInput,
} from '../../shared/model'
import { PaperPage } from '../../client/pages/PaperPage'
import { ADA, groupDoc, paperInput } from '../fixtures/group'
import {
  createTestGroupView,
  type TestGroupView,
  type TestGroupViewOptions,
} from '../helpers/test-group-view'

/** Lets the projections of the page catch up with a write. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

export const ABSTRACT =
  'Value functions are a central component of deep reinforcement learning. ' +
  'We show that replay helps networks remember what they learned before.'

/** A group with one paper whose abstract is ABSTRACT; `overrides` sets other fields. */
export function paperDoc(overrides: Partial<PaperInput> = {}): { doc: Y.Doc; paper: Paper } {
  const doc = groupDoc()
  const { paper } = addPaper(
    doc,
    ADA,
    paperInput({ title: 'Replay for value functions', abstract: ABSTRACT, ...overrides }),
  )
  return { doc, paper }
}

/** Highlights `exact` (its first occurrence) in the paper's abstract. */
export function highlight(doc: Y.Doc, actor: Actor, paper: Paper, exact: string, note = '') {
  const start = paper.abstract.indexOf(exact)
  const target = { source: paper.id, ...selectorsFor(paper.abstract, start, start + exact.length) }
  return addAnnotation(doc, actor, { paperId: paper.id, target, note })
}

/** The paper page as the group page shows it; `navigate` changes the paper, as a new address does. */
export function renderPaper(doc: Y.Doc, paperId: string, options?: TestGroupViewOptions) {
  let view!: TestGroupView
  let navigate!: Setter<string>
  // A selection left by another test would still be in the window.
  document.getSelection()?.removeAllRanges()
  const result = render(() => {
    view = createTestGroupView(doc, options)
    const [current, setCurrent] = createSignal(paperId)
    navigate = setCurrent
    return <PaperPage view={view} paperId={current()} />
  })
  return { view, navigate: (id: string) => navigate(id), unmount: result.unmount }
}

export const abstractText = () => document.querySelector<HTMLElement>('.abstract-text')!

/** Selects `exact` in the rendered abstract, as a member dragging over it would. */
export function selectInAbstract(exact: string) {
  const root = abstractText()
  const start = root.textContent!.indexOf(exact)
  const point = (offset: number): [Node, number] => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
    let seen = 0
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const length = (node as Text).length
      if (offset <= seen + length) return [node, offset - seen]
      seen += length
    }
    throw new Error(`offset ${offset} is past the text`)
  }
  const range = document.createRange()
  range.setStart(...point(start))
  range.setEnd(...point(start + exact.length))
  const selection = document.getSelection()!
  selection.removeAllRanges()
  selection.addRange(range)
  fireEvent.mouseUp(root)
}
