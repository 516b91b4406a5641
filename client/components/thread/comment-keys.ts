/**
 * Up and down arrows move between comments while focus is on a comment or one of its buttons,
 * so a long discussion need not be walked button by button. Keys typed into a composer, or
 * meant to scroll a code block, are left alone.
 */
export function moveBetweenComments(section: HTMLElement, event: KeyboardEvent): void {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return
  if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return
  const target = event.target as HTMLElement
  if (target.closest('textarea, input, select, .composer, .markdown')) return
  const current = target.closest<HTMLElement>('.comment')
  if (!current) return
  const comments = [...section.querySelectorAll<HTMLElement>('.comment')].filter(
    (comment) => !comment.closest('[hidden]'),
  )
  const next = comments[comments.indexOf(current) + (event.key === 'ArrowDown' ? 1 : -1)]
  if (!next) return
  event.preventDefault()
  next.focus()
}
