/**
 * Paper importers: pure functions from input text to {@link ImportResult}, for the client's
 * import dialog and the server's demo seeding alike. Every paper they return passes the model's
 * checks, so `importPapers` takes the whole list. See docs/importers.md.
 */
export { importArxivAtom } from './arxiv-atom'
export { importArxivIds } from './arxiv-ids'
export { importBibtex } from './bibtex'
export { decodeBibtexNames } from './bibtex-names'
export { detectAndImport, type ImportFormat } from './detect'
export { importHfDaily } from './hf-daily'
export type { ImportResult, SkippedItem } from './import-result'
export { decodeLatex, decodeLatexEscapes } from './latex'
export { importTrending } from './trending'
