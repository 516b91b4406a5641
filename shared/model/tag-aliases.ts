/**
 * Renamed and merged tags. Renaming `rl` to `reinforcement learning` (or merging it into a tag
 * that exists) stores one alias, `tagAliases[rl] = { to, by, at }`, instead of rewriting every
 * tag record: a member who tags a paper `rl` offline at the same time writes a record the alias
 * still covers once both sync. Readers resolve every stored tag through the aliases:
 *
 * - chains resolve to their end (`a → b`, `b → c`: `a` reads as `c`);
 * - concurrent renames can close a cycle (`a → b` on one device, `b → a` on another). Every tag
 *   of a cycle, and every tag leading into it, resolves to the target of the cycle's latest alias
 *   (by its `at`; on a tie, the smallest target in code-unit order), so the last rename wins and
 *   every replica resolves alike, as resolution reads only the synced aliases.
 *
 * Aliases whose key or target is not a tag in canonical form are skipped.
 */
import type * as Y from 'yjs'
import { roots } from './keys'
import { isCanonicalTag } from './tag-name'
import { asTime } from './time'
import type { TagAlias } from './types'

/** The valid aliases of the document, by old tag. */
export function readTagAliases(doc: Y.Doc): Map<string, TagAlias> {
  const aliases = new Map<string, TagAlias>()
  roots(doc).tagAliases.forEach((value, from) => {
    if (typeof value !== 'object' || value === null || !isCanonicalTag(from)) return
    const { to, by, at } = value as Record<string, unknown>
    if (!isCanonicalTag(to) || to === from || typeof by !== 'string') return
    aliases.set(from, { from, to, by, at: asTime(at) ?? 0 })
  })
  return aliases
}

/** Maps a stored tag to the tag readers show. */
export type TagResolver = (tag: string) => string

/** Resolves tags through `aliases`; build it once per read and call it for every stored tag. */
export function tagResolver(aliases: ReadonlyMap<string, TagAlias>): TagResolver {
  const resolved = new Map<string, string>()
  return (tag) => {
    const known = resolved.get(tag)
    if (known !== undefined) return known
    const path: string[] = []
    const onPath = new Map<string, number>()
    let node = tag
    let end: string
    for (;;) {
      const seen = resolved.get(node)
      const alias = aliases.get(node)
      if (seen !== undefined || alias === undefined) {
        end = seen ?? node
        break
      }
      const start = onPath.get(node)
      if (start !== undefined) {
        end = cycleEnd(path.slice(start).map((from) => aliases.get(from) as TagAlias))
        break
      }
      onPath.set(node, path.length)
      path.push(node)
      node = alias.to
    }
    for (const step of path) resolved.set(step, end)
    return end
  }
}

/** The tag a cycle of aliases resolves to: the latest alias's target, ties by smallest target. */
function cycleEnd(cycle: TagAlias[]): string {
  const latest = cycle.reduce((best, alias) =>
    alias.at > best.at || (alias.at === best.at && alias.to < best.to) ? alias : best,
  )
  return latest.to
}

/** The resolver of `doc`'s current aliases. */
export function resolverOf(doc: Y.Doc): TagResolver {
  return tagResolver(readTagAliases(doc))
}
