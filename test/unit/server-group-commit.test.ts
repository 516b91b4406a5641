import { describe, expect, it } from 'vitest'
import { createGroupCommit, type GroupCommitTarget } from '../../server/store/group-commit'

/** A target that records its commits and lets the test finish each sync by hand. */
function fakeTarget(failCommit = false) {
  const commits: string[][] = []
  const syncs: Array<{ committedBefore: number; finish: () => void }> = []
  let position = 0
  const target: GroupCommitTarget = {
    commit: (updates) => {
      if (failCommit) throw new Error('disk full')
      commits.push(updates.map((entry) => entry.groupId))
      return updates.map(() => ++position)
    },
    sync: () =>
      new Promise<void>((resolve) => {
        syncs.push({ committedBefore: commits.length, finish: resolve })
      }),
  }
  return { target, commits, syncs }
}

const turn = () => new Promise((resolve) => setImmediate(resolve))

describe('group commit', () => {
  it('commits the appends of one turn together, and acknowledges none before the sync', async () => {
    const { target, commits, syncs } = fakeTarget()
    const store = createGroupCommit(target)
    const acknowledged: number[] = []
    const appends = ['a', 'b', 'a'].map((group) =>
      store.append(group, new Uint8Array([1])).then((at) => acknowledged.push(at)),
    )
    await turn()
    expect(commits).toEqual([['a', 'b', 'a']])
    expect(acknowledged).toEqual([])

    syncs[0]?.finish()
    await Promise.all(appends)
    expect(acknowledged).toEqual([1, 2, 3])
  })

  it('waits for a sync that started after the commit, not one already running', async () => {
    const { target, syncs } = fakeTarget()
    const store = createGroupCommit(target)
    const first = store.append('a', new Uint8Array([1]))
    await turn()
    let secondDone = false
    const second = store.append('a', new Uint8Array([2])).then(() => (secondDone = true))
    await turn()
    expect(syncs).toHaveLength(1)

    syncs[0]?.finish()
    await first
    await turn()
    expect(secondDone).toBe(false)
    expect(syncs).toHaveLength(2)
    expect(syncs[1]?.committedBefore).toBe(2)
    syncs[1]?.finish()
    await second
    expect(secondDone).toBe(true)
  })

  it('rejects every append of a commit that fails', async () => {
    const { target } = fakeTarget(true)
    const store = createGroupCommit(target)
    const outcomes = await Promise.allSettled([
      store.append('a', new Uint8Array([1])),
      store.append('b', new Uint8Array([2])),
    ])
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected'])
  })

  it('commits at once on flush, before a read could miss an append', async () => {
    const { target, commits } = fakeTarget()
    const store = createGroupCommit(target)
    void store.append('a', new Uint8Array([1]))
    store.flush()
    expect(commits).toEqual([['a']])
  })
})
