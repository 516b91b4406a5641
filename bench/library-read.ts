/**
 * How long it takes to turn a stored group into the library the feed shows, next to the floor
 * (decoding the stored state into a Y.Doc) and a baseline (Yjs's own toJSON of every root).
 *
 *   npm run bench                 the large group (2,000 papers, 20,000 annotations and comments)
 *   npm run bench -- --papers 50  a small run
 */
import * as Y from 'yjs'
import { readLibrary } from '../shared/model'
import { LARGE_GROUP, generateGroup } from './generate-group'

function argument(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`)
  return at > 0 ? Number(process.argv[at + 1]) : fallback
}

function median(samples: number[]): number {
  const sorted = samples.slice().sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] as number
}

/** Median time of `task` over `runs` runs, each on a fresh value from `setup` (not timed). */
function time<T>(runs: number, setup: () => T, task: (value: T) => void): number {
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const value = setup()
    const start = performance.now()
    task(value)
    samples.push(performance.now() - start)
  }
  return median(samples)
}

const papers = argument('papers', LARGE_GROUP.papers)
const scale = papers / LARGE_GROUP.papers
const size = {
  papers,
  annotations: Math.round(LARGE_GROUP.annotations * scale),
  comments: Math.round(LARGE_GROUP.comments * scale),
  members: LARGE_GROUP.members,
}
const runs = argument('runs', 7)

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
const none = () => undefined
// Each read runs on a freshly loaded document, so nothing it caches carries over between runs.
const rows = [
  ['encoded state', `${(state.byteLength / 1024 / 1024).toFixed(2)} MiB`],
  ['Y.applyUpdate (floor)', `${time(runs, none, load).toFixed(1)} ms`],
  ['readLibrary, first read', `${time(runs, load, readLibrary).toFixed(1)} ms`],
  [
    'baseline: toJSON of all roots',
    `${time(runs, load, (doc) => rootNames.forEach((name) => doc.getMap(name).toJSON())).toFixed(1)} ms`,
  ],
]
console.log(`node ${process.version}, median of ${runs} runs`)
console.table(Object.fromEntries(rows))
