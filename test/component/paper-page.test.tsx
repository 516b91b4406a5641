import { describe, expect, it } from 'vitest'
import { fireEvent, screen, within } from '@solidjs/testing-library'
import {
  addPaper,
  addTag,
  createMeeting,
  listAnnotations,
  listComments,
  readingStatusOf,
  selectorsFor,
  setReadingStatus,
  tagsOf,
  votersOf,
} from '../../shared/model'
import { roots } from '../../shared/model/keys'
import { selectionOffsets } from '../../client/data/selection-offsets'
import { ADA, BEN, paperInput } from '../fixtures/group'
import {
  ABSTRACT,
  abstractText,
  highlight,
  paperDoc as basePaperDoc,
  renderPaper,
  selectInAbstract,
  settle,
} from './paper-page-setup'

/** The paper, with links to its arXiv pages. */
const paperDoc = () =>
  basePaperDoc({
    links: {
      abstract: 'https://arxiv.org/abs/2401.00001',
      pdf: 'https://arxiv.org/pdf/2401.00001',
    },
  })

/** The marks (highlighted runs) of the abstract, as "text:number of annotations". */
function marks(): string[] {
  return [...abstractText().querySelectorAll<HTMLElement>('mark')].map(
    (mark) => `${mark.textContent}:${(JSON.parse(mark.dataset.annotations!) as string[]).length}`,
  )
}

describe('PaperPage', () => {
  it('shows the paper with overlapping highlights, each listed in text order', () => {
    const { doc, paper } = paperDoc()
    highlight(doc, ADA, paper, 'a central component of deep')
    highlight(doc, BEN, paper, 'deep reinforcement learning', 'Why *deep*?')
    renderPaper(doc, paper.id)

    expect(screen.getByRole('heading', { name: 'Replay for value functions' })).toBeTruthy()
    expect(screen.getByText('Frederik Träuble, Anirudh Goyal')).toBeTruthy()
    const pdf = screen.getByRole('link', { name: 'PDF' })
    expect(pdf.getAttribute('href')).toBe('https://arxiv.org/pdf/2401.00001')
    expect(pdf.getAttribute('rel')).toBe('noopener noreferrer')
    expect(pdf.getAttribute('target')).toBe('_blank')

    expect(abstractText().textContent).toBe(ABSTRACT)
    expect(marks()).toEqual(['a central component of :1', 'deep:2', ' reinforcement learning:1'])
    // Where they overlap the highlight is darker.
    const [outer, both] = [...abstractText().querySelectorAll<HTMLElement>('mark')]
    const alpha = (mark: HTMLElement) =>
      Number(/\/\s*([\d.]+)\)/.exec(mark.style.backgroundColor)?.[1])
    expect(alpha(both!)).toBeGreaterThan(alpha(outer!))

    const panel = screen.getByRole('complementary', { name: 'Annotations (2)' })
    const quotes = within(panel)
      .getAllByRole('article')
      .map((entry) => entry.querySelector('blockquote')?.textContent)
    expect(quotes).toEqual(['a central component of deep', 'deep reinforcement learning'])
    expect(within(panel).getByText('deep', { selector: 'em' })).toBeTruthy()
  })

  it('shows an annotation another member adds while the page is open', async () => {
    const { doc, paper } = paperDoc()
    renderPaper(doc, paper.id)
    expect(abstractText().querySelector('mark')).toBeNull()
    highlight(doc, BEN, paper, 'replay helps networks')
    await settle()
    expect(marks()).toEqual(['replay helps networks:1'])
    const panel = screen.getByRole('complementary', { name: 'Annotations (1)' })
    expect(within(panel).getByText('Ben')).toBeTruthy()
  })

  it('highlights a selected passage with quote and position selectors, and shares the selection', async () => {
    const { doc, paper } = paperDoc()
    const { view } = renderPaper(doc, paper.id)
    selectInAbstract('replay helps')
    const start = ABSTRACT.indexOf('replay helps')
    expect(view.awareness.getLocalState()).toMatchObject({
      paperId: paper.id,
      selection: { start, end: start + 12 },
    })
    fireEvent.click(screen.getByRole('button', { name: 'Highlight' }))

    const [made] = listAnnotations(doc, paper.id)
    expect(made).toMatchObject({
      author: 'ada',
      colour: '#1f77b4',
      note: '',
      target: { source: paper.id, ...selectorsFor(ABSTRACT, start, start + 12) },
    })
    await settle()
    expect(marks()).toEqual(['replay helps:1'])
    expect(screen.queryByRole('button', { name: 'Highlight' })).toBeNull()
    expect(view.awareness.getLocalState()?.selection).toBeUndefined()
  })

  it('adds a note in Markdown to a selected passage, in the chosen colour', async () => {
    const { doc, paper } = paperDoc()
    renderPaper(doc, paper.id)
    selectInAbstract('central component')
    fireEvent.click(screen.getByRole('radio', { name: 'Green' }))
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }))
    const note = screen.getByRole('textbox', { name: 'Note' })
    expect(document.activeElement).toBe(note)
    fireEvent.input(note, { target: { value: 'The **key** claim' } })
    fireEvent.keyDown(note, { key: 'Enter', ctrlKey: true })

    const [made] = listAnnotations(doc, paper.id)
    expect(made).toMatchObject({ note: 'The **key** claim', colour: '#2ca02c' })
    expect(made?.target.quote.exact).toBe('central component')
    await settle()
    const panel = screen.getByRole('complementary', { name: 'Annotations (1)' })
    expect(within(panel).getByText('key', { selector: 'strong' })).toBeTruthy()
  })

  it('keeps the note when the write is refused', () => {
    const { doc, paper } = paperDoc()
    // A member with no profile yet: every write is refused until they choose a name.
    const { view } = renderPaper(doc, paper.id, { memberId: undefined })
    selectInAbstract('central component')
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }))
    const note = screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Note' })
    fireEvent.input(note, { target: { value: 'Keep me' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save note' }))
    expect(view.actions.problem()).toMatch(/Choose your name/)
    expect(screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Note' }).value).toBe('Keep me')
    expect(listAnnotations(doc, paper.id)).toEqual([])
  })

  it('shows everything but no write controls on a read-only link, and says why', () => {
    const { doc, paper } = paperDoc()
    highlight(doc, ADA, paper, 'central component', 'Mine')
    addTag(doc, ADA, paper.id, 'rl')
    renderPaper(doc, paper.id, { canWrite: false })

    expect(screen.getByText(/invite link is read-only/)).toBeTruthy()
    expect(marks()).toEqual(['central component:1'])
    expect(screen.getByText('rl')).toBeTruthy()
    expect(screen.getByText('0 votes')).toBeTruthy()
    expect(screen.queryByRole('button', { name: /Vote/ })).toBeNull()
    expect(screen.queryByRole('radio')).toBeNull()
    expect(screen.queryByRole('textbox')).toBeNull()
    expect(screen.queryByRole('button', { name: /Remove tag/ })).toBeNull()
    expect(screen.queryByRole('button', { name: 'Delete' })).toBeNull()
    selectInAbstract('replay helps')
    expect(screen.queryByRole('button', { name: 'Highlight' })).toBeNull()
  })

  it('toggles the member’s vote and says who voted', async () => {
    const { doc, paper } = paperDoc()
    renderPaper(doc, paper.id)
    const vote = screen.getByRole('button', { name: /Vote/ })
    expect(vote.getAttribute('aria-pressed')).toBe('false')
    fireEvent.click(vote)
    await settle()
    expect(votersOf(doc, paper.id)).toEqual(['ada'])
    expect(vote.getAttribute('aria-pressed')).toBe('true')
    expect(vote.textContent).toContain('1 vote')
    expect(screen.getByText('Voted by Ada')).toBeTruthy()
    fireEvent.click(vote)
    await settle()
    expect(votersOf(doc, paper.id)).toEqual([])
    expect(vote.getAttribute('aria-pressed')).toBe('false')
  })

  it('sets the member’s reading status and says who has read the paper', async () => {
    const { doc, paper } = paperDoc()
    renderPaper(doc, paper.id)
    expect(screen.getByRole<HTMLInputElement>('radio', { name: 'Not set' }).checked).toBe(true)
    fireEvent.click(screen.getByRole('radio', { name: 'Read' }))
    await settle()
    expect(readingStatusOf(doc, paper.id)).toMatchObject([{ memberId: 'ada', status: 'read' }])
    expect(screen.getByText('Read by Ada.')).toBeTruthy()
    setReadingStatus(doc, BEN, paper.id, 'reading')
    await settle()
    expect(screen.getByText('Reading: Ben.')).toBeTruthy()
    fireEvent.click(screen.getByRole('radio', { name: 'Not set' }))
    await settle()
    expect(readingStatusOf(doc, paper.id).map((s) => s.memberId)).toEqual(['ben'])
  })

  it('says when the group discussed the paper and when it will, as the meetings are planned', async () => {
    const { doc, paper } = paperDoc()
    renderPaper(doc, paper.id)
    expect(screen.queryByRole('link', { name: /^(Discussed on|On the agenda for)/ })).toBeNull()
    const held = createMeeting(doc, BEN, { date: '2020-01-09', papers: [paper.id] })
    const next = createMeeting(doc, BEN, { date: '2999-12-30', papers: [paper.id] })
    await settle()
    const discussed = screen.getByRole('link', { name: /^Discussed on/ })
    expect(discussed.getAttribute('href')).toMatch(new RegExp(`/m/${held.id}$`))
    const agenda = screen.getByRole('link', { name: /^On the agenda for/ })
    expect(agenda.getAttribute('href')).toMatch(new RegExp(`/m/${next.id}$`))
    expect(agenda.querySelector('time')?.getAttribute('datetime')).toBe('2999-12-30')
  })

  it('adds a tag, suggesting the group’s tags, and removes it with an undo', async () => {
    const { doc, paper } = paperDoc()
    const { paper: other } = addPaper(doc, BEN, paperInput({ title: 'Another paper' }))
    addTag(doc, BEN, other.id, 'offline rl')
    renderPaper(doc, paper.id)

    const options = [...document.querySelectorAll('datalist option')].map(
      (option) => `${option.getAttribute('value')} ${option.textContent}`,
    )
    expect(options).toEqual(['offline rl 1 paper'])
    const input = screen.getByRole('combobox', { name: 'Add a tag' })
    fireEvent.input(input, { target: { value: 'Replay' } })
    fireEvent.click(screen.getByRole('button', { name: 'Add tag' }))
    await settle()
    expect(tagsOf(doc, paper.id).map((t) => t.tag)).toEqual(['replay'])
    expect((input as HTMLInputElement).value).toBe('')

    fireEvent.click(screen.getByRole('button', { name: 'Remove tag replay' }))
    await settle()
    expect(tagsOf(doc, paper.id)).toEqual([])
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }))
    await settle()
    expect(tagsOf(doc, paper.id).map((t) => t.tag)).toEqual(['replay'])
    expect(screen.getByRole('button', { name: 'Remove tag replay' })).toBeTruthy()
  })

  it('deletes the member’s own annotation with an undo', async () => {
    const { doc, paper } = paperDoc()
    highlight(doc, ADA, paper, 'central component')
    highlight(doc, BEN, paper, 'replay helps')
    renderPaper(doc, paper.id)
    // Only one Delete: Ben's annotation is not Ada's to delete.
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }))
    await settle()
    expect(marks()).toEqual(['replay helps:1'])
    expect(screen.getByText('Annotation deleted.')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }))
    await settle()
    expect(marks()).toEqual(['central component:1', 'replay helps:1'])
  })

  it('edits the note and colour of the member’s own annotation', async () => {
    const { doc, paper } = paperDoc()
    const made = highlight(doc, ADA, paper, 'central component', 'First thought')
    renderPaper(doc, paper.id)
    fireEvent.click(screen.getByRole('button', { name: 'Edit note' }))
    const note = screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Note' })
    expect(note.value).toBe('First thought')
    fireEvent.input(note, { target: { value: 'Second *thought*' } })
    fireEvent.click(screen.getByRole('radio', { name: 'Pink' }))
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    expect(listAnnotations(doc, paper.id)[0]).toMatchObject({
      id: made.id,
      note: 'Second *thought*',
      colour: '#e377c2',
    })
    await settle()
    expect(screen.getByText('thought', { selector: 'em' })).toBeTruthy()
    expect(screen.queryByRole('textbox', { name: 'Note' })).toBeNull()
  })

  it('starts threads on the paper and on an annotation', async () => {
    const { doc, paper } = paperDoc()
    const made = highlight(doc, BEN, paper, 'replay helps')
    renderPaper(doc, paper.id)
    const paperThread = screen.getByRole('region', { name: 'Discussion of the paper' })
    const send = (where: HTMLElement, body: string) => {
      fireEvent.input(within(where).getByRole('textbox', { name: 'Start a thread' }), {
        target: { value: body },
      })
      fireEvent.click(within(where).getByRole('button', { name: 'Send' }))
    }
    send(paperThread, 'Shall we read it on Thursday?')
    // Selecting the annotation opens its threads.
    const entry = document.getElementById(`annotation-${made.id}`)!
    fireEvent.click(entry)
    send(entry, 'Replay of what, exactly?')
    const comments = listComments(doc, paper.id)
    // Both may be written in the same millisecond: their order is not the point.
    expect(new Set(comments.map((c) => `${c.body} on ${c.annotationId ?? 'the paper'}`))).toEqual(
      new Set([
        'Shall we read it on Thursday? on the paper',
        `Replay of what, exactly? on ${made.id}`,
      ]),
    )
    await settle()
    expect(within(entry).getByText('Replay of what, exactly?')).toBeTruthy()
    expect(within(paperThread).getByText('Shall we read it on Thursday?')).toBeTruthy()
  })

  it('moves from a highlight to its annotation and back', async () => {
    const { doc, paper } = paperDoc()
    const made = highlight(doc, BEN, paper, 'replay helps')
    renderPaper(doc, paper.id)
    const mark = abstractText().querySelector<HTMLElement>('mark')!
    fireEvent.click(mark)
    const entry = document.getElementById(`annotation-${made.id}`)!
    expect(document.activeElement).toBe(entry)
    expect(mark.classList.contains('is-selected')).toBe(true)
    fireEvent.click(within(entry).getByRole('button', { name: 'Show in text' }))
    expect(document.activeElement).toBe(mark)
  })

  it('re-anchors a moved quote and lists one that is gone as orphaned', async () => {
    const { doc, paper } = paperDoc()
    const raw = (id: string, exact: string, start: number) =>
      roots(doc).annotations.set(id, {
        paperId: paper.id,
        author: 'ben',
        target: {
          source: paper.id,
          quote: { exact, prefix: '', suffix: '' },
          position: { start, end: start + exact.length },
        },
        colour: '#ff7f0e',
        note: '',
        created: 1,
        deleted: false,
      })
    raw('moved', 'networks remember', 3)
    raw('gone', 'a sentence that was never there', 10)
    renderPaper(doc, paper.id)
    expect(marks()).toEqual(['networks remember:1'])
    const orphans = screen.getByRole('heading', { name: 'Orphaned (1)' }).parentElement!
    expect(within(orphans).getByText('a sentence that was never there')).toBeTruthy()
    expect(screen.getByRole('complementary', { name: 'Annotations (2)' })).toBeTruthy()
  })

  it('shows who else is on the paper and outlines their selection', async () => {
    const { doc, paper } = paperDoc()
    const { view } = renderPaper(doc, paper.id)
    expect(view.awareness.getLocalState()?.paperId).toBe(paper.id)
    expect(view.readMarks.seen([paper.id])?.at).toBeTypeOf('number')
    const start = ABSTRACT.indexOf('deep reinforcement')
    view.addPeer({
      memberId: 'ben',
      name: 'Ben',
      colour: '#ff7f0e',
      paperId: paper.id,
      selection: { start, end: start + 18 },
    })
    await settle()
    const outlined = abstractText().querySelector<HTMLElement>('.peer-selection')!
    expect(outlined.textContent).toBe('Ben is selecting: deep reinforcement')
    expect(outlined.style.borderBottomColor).toBeTruthy()
    // The label is for screen readers and is not part of the text.
    expect(selectionOffsetsOf(outlined)).toEqual({ start, end: start + 18 })
    expect(screen.getByText(/Also here/)).toBeTruthy()
  })

  it('puts the annotations in a bottom sheet at phone width, opened from its handle', async () => {
    const { doc, paper } = paperDoc()
    const made = highlight(doc, BEN, paper, 'replay helps')
    const happyDOM = (window as unknown as { happyDOM: { setViewport(size: object): void } })
      .happyDOM
    happyDOM.setViewport({ width: 360, height: 740 })
    try {
      renderPaper(doc, paper.id)
      const handle = screen.getByRole('button', { name: 'Annotations (1)' })
      const body = document.getElementById(handle.getAttribute('aria-controls')!)!
      expect(handle.getAttribute('aria-expanded')).toBe('false')
      expect(body.hidden).toBe(true)
      fireEvent.click(handle)
      expect(handle.getAttribute('aria-expanded')).toBe('true')
      expect(body.hidden).toBe(false)
      expect(document.activeElement).toBe(body)
      fireEvent.keyDown(body, { key: 'Escape' })
      expect(body.hidden).toBe(true)
      expect(document.activeElement).toBe(handle)
      // A highlight tapped in the text opens the sheet at its annotation.
      fireEvent.click(abstractText().querySelector('mark')!)
      expect(body.hidden).toBe(false)
      expect(document.activeElement).toBe(document.getElementById(`annotation-${made.id}`))
    } finally {
      happyDOM.setViewport({ width: 1024, height: 768 })
    }
  })

  it('opens a paper by another id of the same paper, under its canonical id', () => {
    const { doc, paper } = paperDoc()
    addPaper(doc, BEN, paperInput({ title: 'Replay for value functions', arxivId: '2401.00001' }))
    const { view } = renderPaper(doc, '2401.00001')
    expect(screen.getByRole('heading', { name: 'Replay for value functions' })).toBeTruthy()
    expect(view.awareness.getLocalState()?.paperId).toBe(paper.id)
    expect(view.readMarks.seen([paper.id])?.at).toBeTypeOf('number')
  })

  it('says that a paper is not in the group, with a way back', () => {
    const { doc } = paperDoc()
    renderPaper(doc, 'nope')
    expect(screen.getByRole('heading', { name: 'Paper not found' })).toBeTruthy()
    expect(screen.getByRole('link', { name: 'Back to the library' }).getAttribute('href')).toBe(
      '#g/test-group',
    )
  })
})

function selectionOffsetsOf(element: HTMLElement) {
  const range = document.createRange()
  range.selectNodeContents(element)
  return selectionOffsets(abstractText(), range)
}

describe('selectionOffsets', () => {
  function fixture(html: string): HTMLElement {
    const root = document.createElement('p')
    root.innerHTML = html
    document.body.append(root)
    return root
  }

  it('counts offsets across elements, whatever node the range is set on', () => {
    const root = fixture('Value <mark>functions <b>are</b></mark> central')
    const range = document.createRange()
    range.setStart(root.querySelector('b')!.firstChild!, 1)
    range.setEnd(root, 3)
    expect(selectionOffsets(root, range)).toEqual({ start: 17, end: 27 })
    range.setStart(root.querySelector('mark')!, 1)
    expect(selectionOffsets(root, range)).toEqual({ start: 16, end: 27 })
  })

  it('skips labels that are not part of the text', () => {
    const root = fixture('ab<span data-offset-ignore="">Ben is selecting: </span>cd')
    const range = document.createRange()
    range.setStart(root.querySelector('span')!.firstChild!, 3)
    range.setEnd(root.lastChild!, 1)
    expect(selectionOffsets(root, range)).toEqual({ start: 2, end: 3 })
  })

  it('trims whitespace, clips to the element and keeps surrogate pairs whole', () => {
    const before = fixture('Outside')
    const root = fixture('x 😀 y')
    const range = document.createRange()
    range.setStart(before.firstChild!, 2)
    range.setEnd(root.firstChild!, 3)
    expect(selectionOffsets(root, range)).toEqual({ start: 0, end: 4 })
    range.setStart(root.firstChild!, 1)
    range.setEnd(root.firstChild!, 2)
    expect(selectionOffsets(root, range)).toBeUndefined()
  })

  it('is nothing for a range elsewhere', () => {
    const root = fixture('inside')
    const other = fixture('outside')
    const range = document.createRange()
    range.selectNodeContents(other)
    expect(selectionOffsets(root, range)).toBeUndefined()
  })
})
