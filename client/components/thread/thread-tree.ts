import type { Comment } from '../../../shared/model'

/** The threads of a discussion: roots oldest first, and each comment's replies oldest first. */
export interface ThreadTree {
  roots: Comment[]
  children: ReadonlyMap<string, Comment[]>
}

const NO_REPLIES: Comment[] = []

function byAge(a: Comment, b: Comment): number {
  return a.created - b.created || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

/**
 * Nests replies under their parents. A reply whose parent is missing, or that a broken replica
 * left in a loop of parents, is shown as a root rather than dropped: every comment appears once.
 */
export function buildThreads(comments: readonly Comment[]): ThreadTree {
  const ids = new Set(comments.map((comment) => comment.id))
  const children = new Map<string, Comment[]>()
  const roots: Comment[] = []
  for (const comment of comments) {
    if (comment.parentId === undefined || !ids.has(comment.parentId)) {
      roots.push(comment)
      continue
    }
    const siblings = children.get(comment.parentId)
    if (siblings) siblings.push(comment)
    else children.set(comment.parentId, [comment])
  }

  const reached = new Set<string>()
  const visit = (id: string) => {
    reached.add(id)
    for (const child of children.get(id) ?? NO_REPLIES) if (!reached.has(child.id)) visit(child.id)
  }
  roots.forEach((root) => visit(root.id))
  for (const comment of comments) {
    if (reached.has(comment.id)) continue
    // Part of a loop: cut it here, and drop it from its parent's list so it is shown once.
    const siblings = children.get(comment.parentId ?? '')
    if (siblings) siblings.splice(siblings.indexOf(comment), 1)
    roots.push(comment)
    visit(comment.id)
  }

  roots.sort(byAge)
  for (const siblings of children.values()) siblings.sort(byAge)
  return { roots, children }
}

/** The replies to one comment, oldest first. */
export function repliesOf(tree: ThreadTree, id: string): Comment[] {
  return tree.children.get(id) ?? NO_REPLIES
}

/** How many comments a thread holds, its root included, deleted ones left out. */
export function countComments(tree: ThreadTree, root: Comment): number {
  let count = root.deleted ? 0 : 1
  for (const reply of repliesOf(tree, root.id)) count += countComments(tree, reply)
  return count
}

/**
 * The first line of a comment as plain text, shortened for a one-line summary: links keep their
 * text, and bold, code, strike and heading marks go (underscores stay: they are in names and
 * math).
 */
export function firstLine(body: string, max = 80): string {
  const line = (body.trim().split('\n', 1)[0] ?? '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\*+|`+|~~|^#+\s*|^>\s*/g, '')
    .trim()
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line
}
