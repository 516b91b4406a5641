let region: HTMLElement | undefined

/**
 * Tells screen readers `message` through a polite live region that outlives the component that
 * says it: the import dialog reports "Added 68 papers" as it closes, and a live region inside
 * it would be gone before it was read.
 */
export function announce(message: string): void {
  if (!region?.isConnected) {
    region = document.createElement('div')
    region.className = 'visually-hidden'
    region.setAttribute('role', 'status')
    region.setAttribute('aria-live', 'polite')
    document.body.append(region)
  }
  const target = region
  target.textContent = ''
  // Screen readers announce a change to a region they already know, so the text comes a beat
  // after the region (and after emptying it, so the same message twice is said twice).
  setTimeout(() => (target.textContent = message), 100)
}
