import { expect } from 'vitest'
import * as Y from 'yjs'
import type { ModelError } from '../../shared/model'

/** Expects `run` to throw a `type` error and to leave the document exactly as it was. */
export function refused(
  doc: Y.Doc,
  type: abstract new (...args: never[]) => ModelError,
  run: () => void,
): void {
  const before = Y.encodeStateVector(doc)
  expect(run).toThrow(type)
  expect(Y.encodeStateVector(doc)).toEqual(before)
}
