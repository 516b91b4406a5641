import type * as Y from 'yjs'
import { readLibrary, type LibraryEntry } from '../../shared/model'
import { createDocProjection, type DocProjection } from './create-doc-projection'

/** A library entry as the store holds it: keyed by paper id so that reordering keeps rows. */
export type LibraryItem = LibraryEntry & { id: string }

function readItems(doc: Y.Doc): LibraryItem[] {
  return readLibrary(doc).map((entry) => ({ id: entry.paper.id, ...entry }))
}

/** The group's library, newest first, as a Solid store that follows the document. */
export function createLibrary(doc: Y.Doc): DocProjection<LibraryItem[]> {
  return createDocProjection(doc, readItems, [])
}
