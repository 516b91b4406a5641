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
 * The keystroke rows are the figure that matters most (target: p95 under 10 ms on 2,000 papers):
 * every prefix of every query above, in the order a member types them, each timed on its own
 * (the search, then the feed's filter over the sorted library), repeated `--runs` times, as
 * percentiles. The index searches word by word and keeps each word's matches while the query is
 * typed, looking for a longer word only among the papers its beginning matched and asking
 * MiniSearch only for typos (client/data/library-search-words.ts); it forgets them before each
 * query and each run.
 *
 *   npm run bench:search                   2,000 and 5,000 papers
 *   npm run bench:search -- --papers 500   one small run
 *   npm run bench:search -- --smoke        200 papers, one run: proves the script still works
 */
import { readFileSync } from 'node:fs'
import type MiniSearch from 'minisearch'
import { cpus } from 'node:os'
import { addComment, listPapers, readLibrary } from '../shared/model'
import { importTrending } from '../shared/importers/trending'
import { readCommentText } from '../shared/model/comment-text'
import {
  newMiniSearch,
  queryWords,
  searchNaive,
  toSearchDocuments,
  type SearchHits,
  type SearchDocument,
} from '../client/data/library-search-index'
import { syncedIndex, type SyncedIndex } from '../client/data/library-search-sync'
import { wordSearch } from '../client/data/library-search-words'
import { followDocument } from '../client/data/library-search-follow'
import { emptyQuery, filterSorted, queryLibrary, sortLibrary } from '../client/data/library-query'
import { generateGroup, groupOfSize } from './generate-group'
import { argument, flag, median, percentile, time } from './measure'

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

/**
 * A member typing each query letter by letter: one sample per keystroke per run, so that the
 * percentiles see every slow keystroke. `begin` runs (untimed) before each query: the word
 * search forgets what it found, so that a run never answers from the run before it.
 */
function typeQueries(
  runs: number,
  queries: string[],
  begin: () => void,
  task: (text: string) => unknown,
): number[] {
  const samples: number[] = []
  for (let run = 0; run < runs; run++) {
    for (const query of queries) {
      begin()
      for (let k = 1; k <= query.length; k++) {
        const text = query.slice(0, k)
        if (!text.trim()) continue
        const start = performance.now()
        task(text)
        samples.push(performance.now() - start)
      }
    }
  }
  return samples
}

/** The papers MiniSearch finds for every word of `text`, the last one as a prefix. */
function miniSearchAlone(mini: MiniSearch<SearchDocument>, text: string): Set<string> {
  const words = queryWords(text)
  const perWord = words.map((word, i) => {
    const prefix = i === words.length - 1
    const asTyped = mini.search(word, { prefix, fuzzy: false })
    const results = asTyped.length > 0 ? asTyped : mini.search(word, { prefix })
    return new Set(results.map((result) => String(result.id)))
  })
  const [first = new Set<string>(), ...others] = perWord
  return new Set([...first].filter((id) => others.every((found) => found.has(id))))
}

/**
 * The search the library does once its index is built, with a way to make it forget the words
 * it found (a fresh `wordSearch` over the same MiniSearch index).
 */
function indexSearch(index: SyncedIndex, documents: SearchDocument[]) {
  const mini = newMiniSearch()
  mini.addAll(documents)
  let words = wordSearch(mini, () => documents)
  return {
    search(text: string) {
      const typed = queryWords(text)
      return typed.length === 0 ? undefined : words.search(typed)
    },
    forget: () => (words = wordSearch(mini, () => documents)),
    /**
     * The synced index, and MiniSearch searching each word on its own (with a typo only when it
     * matches nothing as typed), give the same papers at every keystroke of the query (checked
     * once per query, not timed).
     */
    check(query: string) {
      for (let k = 1; k <= query.length; k++) {
        const text = query.slice(0, k)
        const mine = [...(this.search(text)?.keys() ?? [])].sort().join()
        const synced = [...(index.search(text)?.keys() ?? [])].sort().join()
        const theirs = [...miniSearchAlone(mini, text)].sort().join()
        if (mine !== synced || mine !== theirs) throw new Error(`the searches differ on "${text}"`)
      }
    },
  }
}

const spread = (samples: number[]) =>
  [0.5, 0.95, 0.99].map((share) => ms(percentile(samples, share))).join(' / ')

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

  // Each query timed on its own, the word search forgetting earlier answers before each run.
  const words = indexSearch(index, documents)
  QUERIES.forEach((text) => words.check(text))
  const perQuery = (search: (text: string) => unknown, begin = () => {}) =>
    QUERIES.map((text) => ({ text, ms: time(runs, () => search(text), begin) }))
  const indexQueries = perQuery(words.search, words.forget)
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
  const realWords = indexSearch(realIndex, real)
  REAL_QUERIES.forEach((text) => realWords.check(text))
  const realQuery = (search: (text: string) => unknown, begin = () => {}) =>
    median(REAL_QUERIES.map((text) => time(runs, () => search(text), begin)))
  searchNaive(real, 'x')
  const realIndexQuery = realQuery(realWords.search, realWords.forget)
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

  // The feed's work per keystroke: search, then filter the sorted library by the hits.
  const keystroke = (search: (text: string) => SearchHits | undefined) => (text: string) =>
    filterSorted(sorted, { ...query, text }, { memberId: 'member-1', textMatches: search(text) })
  const none = () => {}
  const indexTyping = typeQueries(runs, QUERIES, words.forget, keystroke(words.search))
  const naiveTyping = typeQueries(
    runs,
    QUERIES,
    none,
    keystroke((t) => searchNaive(documents, t)),
  )
  const realTyping = typeQueries(runs, REAL_QUERIES, realWords.forget, realWords.search)
  const realNaiveTyping = typeQueries(runs, REAL_QUERIES, none, (t) => searchNaive(real, t))

  return {
    'read papers and comment text': ms(readTime),
    'index build (MiniSearch + sorted words)': ms(buildTime),
    'baseline "build": fold fields': ms(foldTime),
    'query, median (index)': ms(median(indexQueries.map((q) => q.ms))),
    'baseline query, median (naive)': ms(median(naiveQueries.map((q) => q.ms))),
    'slowest query (index)': slowest(indexQueries),
    'baseline slowest query (naive)': slowest(naiveQueries),
    'one new comment: follow (1 paper)': ms(incremental),
    'one new comment: full rebuild': ms(rebuild),
    'feed: sort + filter': ms(feed),
    'feed: filter the sorted list': ms(typing),
    'hits per query, min-max (index)': hits,
    'baseline hits per query (naive)': naiveHits,
    'keystroke p50 / p95 / p99 (index + feed)': spread(indexTyping),
    'baseline keystroke p50 / p95 / p99 (naive + feed)': spread(naiveTyping),
    'real text: keystroke p50 / p95 / p99 (index)': spread(realTyping),
    'real text: baseline keystroke (naive)': spread(realNaiveTyping),
    'keystrokes timed (generated / real)': `${indexTyping.length} / ${realTyping.length}`,
    'real text: index build': ms(realBuild),
    'real text: query, median (index)': ms(realIndexQuery),
    'real text: baseline query (naive)': ms(realNaiveQuery),
    'real text: hits min-max (index)': realHits,
    'real text: baseline hits (naive)': realNaiveHits,
  }
}

const smoke = flag('smoke')
const only = argument('papers') ?? (smoke ? 200 : undefined)
const runs = argument('runs') ?? (smoke ? 1 : 5)
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
console.log(
  `node ${process.version}, ${cpus()[0]?.model} x ${cpus().length}, median of ${runs} runs`,
)
console.log(`generated queries: ${QUERIES.join(' | ')}`)
console.log(`real-text queries: ${REAL_QUERIES.join(' | ')}`)
console.table(columns)
