import { describe, expect, it, vi } from 'vitest'
import { render, screen, waitFor, within } from '@solidjs/testing-library'
import userEvent from '@testing-library/user-event'
import type * as Y from 'yjs'
import {
  addComment,
  addPaper,
  editComment,
  listComments,
  listMembers,
  setCommentDeleted,
  setThreadResolved,
  type Actor,
  type Comment,
  type Member,
} from '../../shared/model'
import { createDocProjection } from '../../client/data/create-doc-projection'
import { Discussion } from '../../client/components/thread/Discussion'
import { ADA, BEN, CAY, clock, groupDoc, paperInput } from '../fixtures/group'

// KaTeX (loaded by a reply with math) refuses quirks mode, and happy-dom has no compatMode.
Object.defineProperty(document, 'compatMode', { value: 'CSS1Compat', configurable: true })

/** A group with a paper, and comments written at one-second steps by whoever is named. */
function seed() {
  const doc = groupDoc()
  const tick = clock()
  const paperId = addPaper(doc, ADA, paperInput()).paper.id
  const say = (who: Actor, body: string, parentId?: string) =>
    addComment(doc, { ...who, now: tick() }, { paperId, parentId, body })
  return { doc, paperId, say }
}

/** The discussion of one paper, wired to the real mutations as the paper page wires it. */
function show(
  doc: Y.Doc,
  paperId: string,
  options: { as?: Actor; canWrite?: boolean; refuse?: boolean; members?: Member[] } = {},
) {
  const as = options.as ?? ADA
  const attempt = (write: () => unknown) => {
    if (options.refuse) return false
    write()
    return true
  }
  const handlers = {
    onReply: vi.fn((parentId: string | undefined, body: string) =>
      attempt(() => addComment(doc, as, { paperId, parentId, body })),
    ),
    onEdit: vi.fn((id: string, body: string) => attempt(() => editComment(doc, as, id, body))),
    onDelete: vi.fn((id: string, deleted: boolean) =>
      attempt(() => setCommentDeleted(doc, as, id, deleted)),
    ),
    onResolve: vi.fn((id: string, resolved: boolean) =>
      attempt(() => setThreadResolved(doc, as, id, resolved)),
    ),
  }
  render(() => {
    const comments = createDocProjection<Comment[]>(doc, (d) => listComments(d, paperId), [])
    const members = createDocProjection(doc, listMembers, [])
    return (
      <Discussion
        {...handlers}
        comments={comments.value}
        members={options.members ?? members.value}
        memberId={as.memberId}
        canWrite={options.canWrite ?? true}
        label="Discussion of the paper"
      />
    )
  })
  return { handlers, user: userEvent.setup() }
}

/** The article of the comment whose text includes `text`. */
function commentWith(text: string): HTMLElement {
  const found = screen
    .getAllByRole('article')
    .filter((el) => el.classList.contains('comment') && el.textContent?.includes(text))
  expect(found).toHaveLength(1)
  return found[0]!
}

describe('Discussion', () => {
  it('nests replies under their parents, threads oldest first', () => {
    const { doc, paperId, say } = seed()
    const first = say(ADA, 'Is the bottleneck learned?')
    const reply = say(BEN, 'Yes, end to end.', first.id)
    say(ADA, 'Then why freeze it?', reply.id)
    say(BEN, 'A second topic')
    show(doc, paperId)

    const threads = screen.getAllByRole('article', { name: /^Thread started by/ })
    expect(threads.map((t) => t.getAttribute('aria-label'))).toEqual([
      'Thread started by Ada',
      'Thread started by Ben',
    ])
    const root = commentWith('Is the bottleneck learned?').closest('li')!
    const nested = root.querySelector('.replies')!
    expect(nested.textContent).toContain('Yes, end to end.')
    expect(nested.querySelector('.replies')?.textContent).toContain('Then why freeze it?')
    expect(threads[1]!.textContent).not.toContain('Yes, end to end.')
  })

  it('labels comments by author and date, renders their Markdown, and names former members', () => {
    const { doc, paperId } = seed()
    addComment(
      doc,
      { ...BEN, now: Date.UTC(2026, 2, 14, 9, 30) },
      { paperId, body: 'See **this**' },
    )
    // Cay wrote a comment, but her profile never reached this replica.
    doc.getMap('comments').set('c-from-cay', {
      paperId,
      author: CAY.memberId,
      body: 'From someone gone',
      created: Date.UTC(2026, 2, 15),
      deleted: false,
    })
    show(doc, paperId)

    const ben = commentWith('See this')
    expect(ben.getAttribute('aria-label')).toMatch(/^Ben, .*2026/)
    expect(ben.querySelector('strong')?.textContent).toBe('this')
    expect(ben.querySelector('time')?.getAttribute('datetime')).toBe('2026-03-14T09:30:00.000Z')
    expect(commentWith('From someone gone').getAttribute('aria-label')).toMatch(/^Former member, /)
  })

  it('offers edit and delete on the member’s own comments only', () => {
    const { doc, paperId, say } = seed()
    say(ADA, 'Mine')
    say(BEN, 'Theirs')
    show(doc, paperId, { as: ADA })

    const mine = within(commentWith('Mine'))
    expect(mine.getByRole('button', { name: 'Edit your comment' })).toBeTruthy()
    expect(mine.getByRole('button', { name: 'Delete your comment' })).toBeTruthy()
    const theirs = within(commentWith('Theirs'))
    expect(theirs.getByRole('button', { name: 'Reply to Ben' })).toBeTruthy()
    expect(theirs.queryByRole('button', { name: /Edit|Delete/ })).toBeNull()
  })

  it('keeps the replies of a deleted comment, and undoes the delete', async () => {
    const { doc, paperId, say } = seed()
    const root = say(ADA, 'A hasty claim')
    say(BEN, 'I disagree', root.id)
    const { handlers, user } = show(doc, paperId)

    await user.click(within(commentWith('A hasty claim')).getByRole('button', { name: /Delete/ }))
    await waitFor(() => expect(screen.getByText('Comment deleted')).toBeTruthy())
    expect(screen.queryByText('A hasty claim')).toBeNull()
    expect(commentWith('I disagree')).toBeTruthy()
    const undo = screen.getByRole('button', { name: 'Undo delete' })
    await waitFor(() => expect(document.activeElement).toBe(undo))

    await user.click(undo)
    expect(handlers.onDelete).toHaveBeenLastCalledWith(root.id, false)
    await waitFor(() => expect(commentWith('A hasty claim')).toBeTruthy())
    expect(screen.queryByText('Comment deleted')).toBeNull()
  })

  it('folds a resolved thread to one line that opens on click', async () => {
    const { doc, paperId, say } = seed()
    const root = say(BEN, 'Which **dataset**?')
    say(ADA, 'CIFAR-10', root.id)
    const { handlers, user } = show(doc, paperId, { as: ADA })

    await user.click(screen.getByRole('button', { name: 'Resolve thread' }))
    expect(handlers.onResolve).toHaveBeenCalledWith(root.id, true)
    const summary = await screen.findByRole('button', { expanded: false })
    expect(summary.textContent).toContain('Which dataset?')
    expect(summary.textContent).toContain('2 comments')
    // Role queries skip what is hidden: Ada's reply is folded away with the thread.
    expect(screen.queryByRole('article', { name: /^Ada, / })).toBeNull()
    await waitFor(() => expect(document.activeElement).toBe(summary))

    await user.click(summary)
    expect(summary.getAttribute('aria-expanded')).toBe('true')
    expect(screen.getByRole('article', { name: /^Ada, / }).textContent).toContain('CIFAR-10')
    await user.click(screen.getByRole('button', { name: 'Reopen thread' }))
    expect(handlers.onResolve).toHaveBeenLastCalledWith(root.id, false)
    await waitFor(() => expect(screen.queryByRole('button', { expanded: false })).toBeNull())
    expect(screen.getByRole('button', { name: 'Resolve thread' })).toBeTruthy()
  })

  it('gives a read-only reader no composer and no buttons', () => {
    const { doc, paperId, say } = seed()
    const root = say(ADA, 'Mine')
    say(BEN, 'A reply', root.id)
    show(doc, paperId, { as: ADA, canWrite: false })

    expect(screen.getByText('A reply')).toBeTruthy()
    expect(screen.queryByRole('textbox')).toBeNull()
    expect(screen.queryAllByRole('button')).toEqual([])
  })

  it('keeps the draft when the write is refused, and refuses an empty one', async () => {
    const { doc, paperId } = seed()
    const { handlers, user } = show(doc, paperId, { refuse: true })
    const box = screen.getByRole('textbox', { name: 'Start a thread' })

    await user.click(screen.getByRole('button', { name: 'Send' }))
    expect(handlers.onReply).not.toHaveBeenCalled()
    expect(screen.getByRole('alert').textContent).toMatch(/Write something/)

    await user.type(box, 'My point')
    await user.click(screen.getByRole('button', { name: 'Send' }))
    expect(handlers.onReply).toHaveBeenCalledWith(undefined, 'My point')
    expect((box as HTMLTextAreaElement).value).toBe('My point')
    expect(screen.getByRole('alert').textContent).toMatch(/still here/)
  })

  it('sends with Ctrl+Enter and announces it', async () => {
    const { doc, paperId, say } = seed()
    const root = say(BEN, 'Thoughts?')
    const { handlers, user } = show(doc, paperId, { as: ADA })

    await user.click(screen.getByRole('button', { name: 'Reply to Ben' }))
    const box = screen.getByRole('textbox', { name: 'Reply to Ben' })
    expect(document.activeElement).toBe(box)
    await user.type(box, 'Looks like $O(n^2)$')
    await user.keyboard('{Control>}{Enter}{/Control}')
    expect(handlers.onReply).toHaveBeenCalledWith(root.id, 'Looks like $O(n^2)$')
    expect(screen.queryByRole('textbox', { name: 'Reply to Ben' })).toBeNull()
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Reply sent.'))
    await waitFor(() => expect(commentWith('Looks like')).toBeTruthy())
  })

  it('cancels a reply with Escape and offers the draft again', async () => {
    const { doc, paperId, say } = seed()
    say(BEN, 'Thoughts?')
    const { handlers, user } = show(doc, paperId, { as: ADA })
    const reply = screen.getByRole('button', { name: 'Reply to Ben' })

    await user.click(reply)
    await user.type(screen.getByRole('textbox', { name: 'Reply to Ben' }), 'Half a thought')
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('textbox', { name: 'Reply to Ben' })).toBeNull()
    await waitFor(() => expect(document.activeElement).toBe(reply))
    await user.click(reply)
    const box = screen.getByRole('textbox', { name: 'Reply to Ben' }) as HTMLTextAreaElement
    expect(box.value).toBe('Half a thought')
    expect(handlers.onReply).not.toHaveBeenCalled()
  })

  it('edits one’s own comment in place', async () => {
    const { doc, paperId, say } = seed()
    const mine = say(ADA, 'Typo hree')
    const { handlers, user } = show(doc, paperId, { as: ADA })

    await user.click(screen.getByRole('button', { name: 'Edit your comment' }))
    const box = screen.getByRole('textbox', { name: 'Edit your comment' }) as HTMLTextAreaElement
    expect(box.value).toBe('Typo hree')
    await user.clear(box)
    await user.type(box, 'Typo here')
    await user.click(screen.getByRole('button', { name: 'Save' }))
    expect(handlers.onEdit).toHaveBeenCalledWith(mine.id, 'Typo here')
    await waitFor(() => expect(commentWith('Typo here').textContent).toContain('edited'))
  })

  it('keeps an edit’s text when cancelled, brings it back, and can discard it', async () => {
    const { doc, paperId, say } = seed()
    say(ADA, 'Typo hree')
    const { handlers, user } = show(doc, paperId, { as: ADA })
    const edit = () => screen.getByRole('button', { name: 'Edit your comment' })
    const box = () =>
      screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Edit your comment' })

    await user.click(edit())
    expect(screen.queryByText(/Your unsaved text is back/)).toBeNull()
    await user.type(box(), ', and more')
    await user.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(screen.queryByRole('textbox', { name: 'Edit your comment' })).toBeNull()

    await user.click(edit())
    expect(box().value).toBe('Typo hree, and more')
    expect(screen.getByText(/Your unsaved text is back/)).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Discard draft' }))
    expect(box().value).toBe('Typo hree')
    expect(document.activeElement).toBe(box())
    expect(screen.queryByRole('button', { name: 'Discard draft' })).toBeNull()

    // Closed without a change: nothing is kept.
    await user.keyboard('{Escape}')
    await user.click(edit())
    expect(box().value).toBe('Typo hree')
    expect(screen.queryByText(/Your unsaved text is back/)).toBeNull()
    expect(handlers.onEdit).not.toHaveBeenCalled()
  })

  it('reaches the comments with one Tab and moves between them with the arrow keys', async () => {
    const { doc, paperId, say } = seed()
    const root = say(ADA, 'First')
    say(BEN, 'Second', root.id)
    say(BEN, 'Third')
    const { user } = show(doc, paperId, { as: CAY, canWrite: false })

    // Read-only, so there are no buttons: the comments themselves are the stop.
    await user.tab()
    expect(document.activeElement).toBe(commentWith('First'))
    await user.keyboard('{ArrowDown}')
    expect(document.activeElement).toBe(commentWith('Second'))
    await user.keyboard('{ArrowDown}')
    expect(document.activeElement).toBe(commentWith('Third'))
    await user.keyboard('{ArrowUp}{ArrowUp}')
    expect(document.activeElement).toBe(commentWith('First'))
    await user.keyboard('{ArrowDown}')
    // Tab leaves the discussion and Shift+Tab comes back to the comment last visited.
    await user.tab()
    await user.tab({ shift: true })
    expect(document.activeElement).toBe(commentWith('Second'))
  })

  it('announces nothing and offers no Undo when a delete or a resolve is refused', async () => {
    const { doc, paperId, say } = seed()
    say(ADA, 'Still here')
    const { handlers, user } = show(doc, paperId, { refuse: true })

    const announced = async () => {
      await new Promise((resolve) => setTimeout(resolve, 0))
      return screen.getByRole('status').textContent
    }
    await user.click(within(commentWith('Still here')).getByRole('button', { name: /Delete/ }))
    expect(handlers.onDelete).toHaveBeenCalledTimes(1)
    expect(await announced()).toBe('')
    expect(screen.queryByRole('button', { name: 'Undo delete' })).toBeNull()
    expect(screen.queryByText('Comment deleted')).toBeNull()

    await user.click(screen.getByRole('button', { name: 'Resolve thread' }))
    expect(handlers.onResolve).toHaveBeenCalledTimes(1)
    expect(await announced()).toBe('')
    expect(screen.getByRole('button', { name: 'Resolve thread' })).toBeTruthy()
  })

  it('paints an author’s colour only when it is #rrggbb', () => {
    const { doc, paperId, say } = seed()
    say(ADA, 'Plain colours only')
    const hostile = 'url(data:image/svg+xml,%3Csvg%2F%3E)'
    show(doc, paperId, { members: [{ id: 'ada', name: 'Ada', colour: hostile, joined: 0 }] })
    const comment = commentWith('Plain colours only')
    expect(comment.style.getPropertyValue('--member-colour')).toBe('#888888')
  })
})
