/** True when a key pressed on `target` is text being typed, which shortcuts must leave alone. */
function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || target.closest('input, textarea, select') !== null)
  )
}

// The app opens its dialogs with showModal(), so an open one is modal.
const MODAL = 'dialog[open], [aria-modal="true"]'

/**
 * True when the page's shortcuts must leave a key pressed on `target` alone: text is being
 * typed, or a modal dialog is open (the page behind it is inert, so the keys are the dialog's).
 */
export function leavesShortcutsAlone(target: EventTarget | null): boolean {
  if (isTyping(target)) return true
  if (target instanceof Element && target.closest(MODAL)) return true
  return document.querySelector(MODAL) !== null
}
