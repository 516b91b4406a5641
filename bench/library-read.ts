/**
 * How long it takes to turn a stored group into the library the feed shows, next to the floor
 * (decoding the stored state into a Y.Doc) and a baseline (Yjs's own toJSON of every root).
 *
 *   npm run bench                 the large group (2,000 papers, 20,000 annotations and comments)
 *   npm run bench -- --papers 50  a small run
 */
import * as Y from 'yjs'
import { readLibrary } from '../shared/model'
import { LARGE_GROUP, generateGroup, groupOfSize } from './generate-group'
import { argument, time } from './measure'

const size = groupOfSize(argument('papers') ?? LARGE_GROUP.papers)
const runs = argument('runs') ?? 7

const built = performance.now()
const generated = generateGroup(size)
const state = Y.encodeStateAsUpdate(generated)
// A freshly decoded document has no root types until they are asked for by name.
const rootNames = [...generated.share.keys()]
console.log(`generated ${JSON.stringify(size)} in ${(performance.now() - built).toFixed(0)} ms`)

const load = () => {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, state)
  return doc
}
// Each read runs on a freshly loaded document, so nothing it caches carries over between runs.
const rows = [
  ['encoded state', `${(state.byteLength / 1024 / 1024).toFixed(2)} MiB`],
  ['Y.applyUpdate (floor)', `${time(runs, load).toFixed(1)} ms`],
  ['readLibrary, first read', `${time(runs, readLibrary, load).toFixed(1)} ms`],
  [
    'baseline: toJSON of all roots',
    `${time(runs, (doc) => rootNames.forEach((name) => doc.getMap(name).toJSON()), load).toFixed(1)} ms`,
  ],
]
console.log(`node ${process.version}, median of ${runs} runs`)
console.table(Object.fromEntries(rows))
