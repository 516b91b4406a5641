import type { DocStore } from '../../server/store/doc-store'

/** A DocStore wrapper whose loads and appends wait until the test opens a gate. */
export interface GatedStore extends DocStore {
  /** Lets every waiting and future `load` (or `read`) proceed. */
  openLoads(): void
  /** Lets every waiting and future `append` proceed (again, after `failAppends`). */
  openAppends(): void
  /** Makes every waiting and future `append` reject without storing, until `openAppends`. */
  failAppends(): void
  /** Opens both gates: register it after starting the server, so a failed test still ends. */
  openAll(): void
  /** Holds every future `replace` (they start free) until the returned function is called. */
  holdReplaces(): () => void
  /** Appends that have been called and are held at the gate. */
  readonly heldAppends: number
  /** Replaces that have been called and are held at the gate. */
  readonly heldReplaces: number
  /** Calls of each method so far, in order. */
  readonly calls: Array<'load' | 'append' | 'replace'>
}

function gate(): { wait: Promise<void>; open: () => void } {
  let open = () => {}
  const wait = new Promise<void>((resolve) => (open = resolve))
  return { wait, open }
}

/**
 * Wraps `inner` so a test can hold storage at a chosen moment and check what the server does
 * meanwhile (answer sync, fan out), or make appends fail as a full disk would. Gates start
 * closed; `close` does not close `inner`.
 */
export function gatedStore(inner: DocStore): GatedStore {
  const loads = gate()
  const appends = gate()
  let appendsFail = false
  const calls: GatedStore['calls'] = []
  let held = 0
  let replaces: Promise<void> = Promise.resolve()
  let heldReplaces = 0
  const openAppends = () => {
    appendsFail = false
    appends.open()
  }
  return {
    calls,
    get heldAppends() {
      return held
    },
    get heldReplaces() {
      return heldReplaces
    },
    holdReplaces: () => {
      const held = gate()
      replaces = held.wait
      return held.open
    },
    openLoads: loads.open,
    openAppends,
    failAppends: () => {
      appendsFail = true
      appends.open()
    },
    openAll: () => {
      loads.open()
      openAppends()
    },
    async load(groupId) {
      calls.push('load')
      await loads.wait
      return inner.load(groupId)
    },
    /** Counted and gated as a `load`: it is the room's way of loading. */
    async read(groupId) {
      calls.push('load')
      await loads.wait
      return inner.read(groupId)
    },
    async append(groupId, update) {
      calls.push('append')
      held++
      await appends.wait
      held--
      if (appendsFail) throw new Error('append refused by the test (disk full)')
      return inner.append(groupId, update)
    },
    async replace(groupId, state, upTo) {
      calls.push('replace')
      heldReplaces++
      await replaces
      heldReplaces--
      return inner.replace(groupId, state, upTo)
    },
    async close() {},
  }
}
