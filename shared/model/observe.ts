import type * as Y from 'yjs'

/**
 * Calls `onChange` after every change to the group document, local or remote. Returns the
 * function that stops it. Readers are cheap to re-run; callers batch as they see fit.
 */
export function observeGroup(doc: Y.Doc, onChange: () => void): () => void {
  const handler = () => onChange()
  doc.on('update', handler)
  return () => doc.off('update', handler)
}
