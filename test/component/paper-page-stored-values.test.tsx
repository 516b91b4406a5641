import { describe, expect, it } from 'vitest'
import { screen, within } from '@solidjs/testing-library'
import { addComment } from '../../shared/model'
import { roots } from '../../shared/model/keys'
import { BEN } from '../fixtures/group'
import { highlight, paperDoc, renderPaper } from './paper-page-setup'

// A valid number, but past the last time a Date can hold: formatting it throws a RangeError.
const FAR = 1e16
const HOSTILE_COLOUR =
  'url(data:image/svg+xml,%3Csvg%20xmlns%3D%22http://www.w3.org/2000/svg%22/%3E)'

/** Replaces fields of a stored record, as another member's replica could. */
function overwrite(map: ReturnType<typeof roots>['comments'], key: string, fields: object) {
  map.set(key, { ...(map.get(key) as object), ...fields })
}

describe('PaperPage with values no member could have typed', () => {
  it('shows a comment and an annotation whose times no Date can hold', () => {
    const { doc, paper } = paperDoc()
    const annotation = highlight(doc, BEN, paper, 'replay helps', 'A note from far ahead')
    const thread = addComment(doc, BEN, { paperId: paper.id, body: 'From the far future' })
    const reply = addComment(doc, BEN, {
      paperId: paper.id,
      annotationId: annotation.id,
      body: 'Edited at no time',
    })
    overwrite(roots(doc).annotations, annotation.id, { created: FAR, edited: FAR })
    overwrite(roots(doc).comments, thread.id, { created: FAR })
    overwrite(roots(doc).comments, reply.id, { created: -FAR, edited: FAR })

    renderPaper(doc, paper.id)

    expect(screen.getByRole('heading', { name: 'Replay for value functions' })).toBeTruthy()
    const discussion = screen.getByRole('region', { name: 'Discussion of the paper' })
    expect(within(discussion).getByText('From the far future')).toBeTruthy()
    const panel = screen.getByRole('complementary', { name: 'Annotations (1)' })
    expect(within(panel).getByText('A note from far ahead')).toBeTruthy()
    expect(within(panel).getByText('Edited at no time')).toBeTruthy()
    // An unknown time is left out rather than made up.
    for (const time of document.querySelectorAll('time')) {
      expect(time.getAttribute('datetime')).toBeNull()
    }
  })

  it('paints a member colour that is not #rrggbb in grey, in every place it shows', () => {
    const { doc, paper } = paperDoc()
    const annotation = highlight(doc, BEN, paper, 'replay helps')
    addComment(doc, BEN, { paperId: paper.id, body: 'Colourful' })
    overwrite(roots(doc).members, 'ben', { colour: HOSTILE_COLOUR })
    overwrite(roots(doc).annotations, annotation.id, { colour: HOSTILE_COLOUR })

    renderPaper(doc, paper.id)

    const styled = [...document.querySelectorAll<HTMLElement>('[style]')]
    expect(styled.length).toBeGreaterThan(0)
    for (const element of styled) {
      expect(element.getAttribute('style')).not.toMatch(/url\(/)
    }
    const comment = screen.getByText('Colourful').closest<HTMLElement>('.comment')!
    expect(comment.style.getPropertyValue('--member-colour')).toBe('#888888')
  })
})
