/**
 * How fast the library's text search is: building the index, answering a query, and following
 * one new comment, for groups of 2,000 and 5,000 papers (10 annotations and 10 comments per
 * paper, as `npm run bench`), next to a baseline in the same run: a naive substring filter over
 * the same fields (title, authors, abstract, ids, comment bodies and notes).
 *
 * The generated group writes every paper with the same eleven words, so every query matches
 * nearly every paper: the worst case for an inverted index. A second set of rows searches real
 * abstracts (the demo group's 68 trending papers, repeated to the same size, with sentences of
 * other abstracts as comments), where a word is in a few papers, as in a real library.
 *
 *   npm run bench:search                   2,000 and 5,000 papers
 *   npm run bench:search -- --papers 500   one small run
 */
import { readFileSync } from 'node:fs'
import { addComment, listPapers, readLibrary } from '../shared/model'
import { importTrending } from '../shared/importers/trending'
import { readCommentText } from '../shared/model/comment-text'
import {
  searchNaive,
  toSearchDocuments,
  type SearchDocument,
} from '../client/data/library-search-index'
import { syncedIndex } from '../client/data/library-search-sync'
import { followDocument } from '../client/data/library-search-follow'
import { emptyQuery, filterSorted, queryLibrary, sortLibrary } from '../client/data/library-query'
import { generateGroup, groupOfSize } from './generate-group'
import { argument, median, time } from './measure'

// What a reader types, keystroke by keystroke: prefixes, a typo, several words, an id.
const QUERIES = [
  'n',
  'ne',
  'netw',
  'network',
  'polcy',
  'reward policy',
  'vision graph training',
  'author 17',
  'paper 1234',
  '2403.1',
]

// The same for real abstracts: prefixes, a typo, phrases.
const REAL_QUERIES = [
  'd',
  'dif',
  'diffusion',
  'difusion',
  'language model',
  'reinforcement learning agent',
  'gaussian splat',
  'benchmark',
  'robot',
  'code generation',
]

const DEMO = importTrending(
  readFileSync(new URL('../server/demo/trending-papers.txt', import.meta.url), 'utf8'),
).papers

/** `count` papers made of the demo's real titles and abstracts, with others' sentences as comments. */
function realDocuments(count: number): SearchDocument[] {
  const sentences = DEMO.flatMap((paper) => (paper.abstract ?? '').split(/(?<=\.) /))
  return Array.from({ length: count }, (_, i) => {
    const paper = DEMO[i % DEMO.length]!
    const comments = Array.from(
      { length: 5 },
      (_, c) => sentences[(i * 7 + c * 13) % sentences.length],
    )
    return {
      id: `real-${i}`,
      title: paper.title ?? '',
      authors: `Author ${i}, Author ${i + 1}`,
      abstract: paper.abstract ?? '',
      ids: `24${String(1 + (i % 12)).padStart(2, '0')}.${String(10_000 + i).padStart(5, '0')}`,
      comments: comments.join('\n'),
    }
  })
}

const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} ms`

function measure(papers: number, runs: number): Record<string, string> {
  const doc = generateGroup(groupOfSize(papers))
  const read = () => toSearchDocuments(listPapers(doc), readCommentText(doc))
  let documents: SearchDocument[] = []
  const readTime = time(runs, () => (documents = read()))

  let index = syncedIndex()
  const buildTime = time(runs, () => {
    index = syncedIndex()
    index.update(documents)
    index.build(() => true)
  })
  // The naive filter's "index": every field folded to lower case without accents, once.
  const foldTime = time(1, () => searchNaive(documents, 'x'))

  const perQuery = (search: (text: string) => unknown) =>
    QUERIES.map((text) => ({ text, ms: time(runs, () => search(text)) }))
  const indexQueries = perQuery((text) => index.search(text))
  const naiveQueries = perQuery((text) => searchNaive(documents, text))
  const slowest = (queries: { text: string; ms: number }[]) => {
    const worst = queries.reduce((a, b) => (b.ms > a.ms ? b : a))
    return `${ms(worst.ms)} ("${worst.text}")`
  }
  const range = (sizes: number[]) => `${Math.min(...sizes)}-${Math.max(...sizes)}`
  const hits = range(QUERIES.map((text) => index.search(text)?.size ?? 0))
  const naiveHits = range(QUERIES.map((text) => searchNaive(documents, text)?.size ?? 0))

  const real = realDocuments(papers)
  const realIndex = syncedIndex()
  const realBuild = time(1, () => {
    realIndex.update(real)
    realIndex.build(() => true)
  })
  const realQuery = (search: (text: string) => unknown) =>
    median(REAL_QUERIES.map((text) => time(runs, () => search(text))))
  searchNaive(real, 'x')
  const realIndexQuery = realQuery((text) => realIndex.search(text))
  const realNaiveQuery = realQuery((text) => searchNaive(real, text))
  const realHits = range(REAL_QUERIES.map((text) => realIndex.search(text)?.size ?? 0))
  const realNaiveHits = range(REAL_QUERIES.map((text) => searchNaive(real, text)?.size ?? 0))

  // One new comment: the followed index re-reads that paper's text and replaces its document;
  // the alternative re-reads everything and rebuilds the index.
  const followed = followDocument(doc, () => undefined)
  followed.index.build(() => true)
  const paper = documents[Math.floor(documents.length / 2)] as SearchDocument
  let n = 0
  const comment = () =>
    addComment(doc, { memberId: 'member-1' }, { paperId: paper.id, body: `zebra ${n++}` })
  const incremental = time(runs, () => followed.flush(), comment)
  if (!followed.index.search('zebra')?.has(paper.id)) throw new Error('the update was lost')
  followed.stop()
  const rebuild = time(
    runs,
    () => {
      const fresh = syncedIndex()
      fresh.update(read())
      fresh.build(() => true)
    },
    comment,
  )

  const library = readLibrary(doc)
  const matches = index.search('network')
  const query = { ...emptyQuery(), text: 'network', sort: 'discussed' as const }
  const context = { memberId: 'member-1', textMatches: matches }
  const feed = time(runs, () => queryLibrary(library, query, context))
  const sorted = sortLibrary(library, query.sort)
  const typing = time(runs, () => filterSorted(sorted, query, context))

  return {
    'read papers and comment text': ms(readTime),
    'index build (MiniSearch)': ms(buildTime),
    'baseline "build": fold fields': ms(foldTime),
    'query, median (MiniSearch)': ms(median(indexQueries.map((q) => q.ms))),
    'baseline query, median (naive)': ms(median(naiveQueries.map((q) => q.ms))),
    'slowest query (MiniSearch)': slowest(indexQueries),
    'baseline slowest query (naive)': slowest(naiveQueries),
    'one new comment: follow (1 paper)': ms(incremental),
    'one new comment: full rebuild': ms(rebuild),
    'feed: sort + filter': ms(feed),
    'feed: filter the sorted list': ms(typing),
    'hits per query, min-max (MiniSearch)': hits,
    'baseline hits per query (naive)': naiveHits,
    'real text: index build': ms(realBuild),
    'real text: query, median (MiniSearch)': ms(realIndexQuery),
    'real text: baseline query (naive)': ms(realNaiveQuery),
    'real text: hits min-max (MiniSearch)': realHits,
    'real text: baseline hits (naive)': realNaiveHits,
  }
}

const only = argument('papers')
const runs = argument('runs') ?? 5
const sizes = only ? [only] : [2_000, 5_000]
const columns: Record<string, Record<string, string>> = {}
for (const papers of sizes) {
  const started = performance.now()
  const figures = measure(papers, runs)
  console.log(`${papers} papers measured in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  for (const [row, value] of Object.entries(figures)) {
    columns[row] = { ...columns[row], [`${papers.toLocaleString('en')} papers`]: value }
  }
}
console.log(`node ${process.version}, median of ${runs} runs`)
console.log(`generated queries: ${QUERIES.join(' | ')}`)
console.log(`real-text queries: ${REAL_QUERIES.join(' | ')}`)
console.table(columns)
