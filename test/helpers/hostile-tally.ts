import type { HostileFrame, Verdict } from './hostile-frames'
import type { Outcome } from './hostile-socket'

/** An outcome as one comparable word: `kept`, `closed 1007`, `refused 401`, `hung`. */
export function outcomeLabel(outcome: Outcome | { type: 'open' }): string {
  if (outcome.type === 'closed') return `closed ${outcome.code}`
  if (outcome.type === 'refused') return `refused ${outcome.status}`
  return outcome.type
}

/**
 * The outcomes docs/server.md allows for a connection that sent frames with these verdicts, all
 * at once and in order. The server stops at the first frame it refuses, but it decodes frames in
 * its room a moment after the socket received them, while the size limit cuts at the socket:
 * an oversized frame sent after a malformed one may be what closes the connection.
 */
export function allowedOutcomes(verdicts: readonly Verdict[]): string[] {
  const allowed = new Set(['kept'])
  for (const [i, verdict] of verdicts.entries()) {
    if (verdict === 'either') allowed.add('closed 1007')
    if (verdict === 'too-big') {
      allowed.delete('kept')
      allowed.add('closed 1009')
      break
    }
    if (verdict === 'refused') {
      allowed.clear()
      allowed.add('closed 1007')
      if (verdicts.slice(i + 1).includes('too-big')) allowed.add('closed 1009')
      break
    }
  }
  return [...allowed].sort()
}

function bump(counts: Map<string, number>, key: string, by = 1): void {
  counts.set(key, (counts.get(key) ?? 0) + by)
}

function line(counts: Map<string, number>): string {
  const entries = [...counts].sort(([a], [b]) => a.localeCompare(b))
  return entries.map(([key, n]) => `${key} ${n}`).join(', ') || 'none'
}

/** What the fuzz tried and how the server answered, for the assertions and the summary. */
export class HostileTally {
  readonly framesByKind = new Map<string, number>()
  readonly framesByVerdict = new Map<string, number>()
  readonly outcomes = new Map<string, number>()
  readonly upgradeTricks = new Map<string, number>()
  readonly floods = new Map<string, number>()
  /** Each connection whose outcome the docs do not allow, described. */
  readonly mismatches: string[] = []
  connections = 0
  floodFrames = 0

  /** A connection that sent `frames` ended with `outcome`. */
  connection(frames: readonly HostileFrame[], outcome: Outcome, access: string): void {
    this.connections++
    for (const frame of frames) {
      bump(this.framesByKind, frame.kind)
      bump(this.framesByVerdict, frame.verdict)
    }
    const label = outcomeLabel(outcome)
    bump(this.outcomes, label)
    const allowed = allowedOutcomes(frames.map((frame) => frame.verdict))
    if (!allowed.includes(label)) {
      const sent = frames.map((frame) => `${frame.kind}/${frame.variant}/${frame.verdict}`)
      this.mismatches.push(`${access} key, [${sent.join(', ')}]: ${label}, expected ${allowed}`)
    }
  }

  /** A connection opened to push past a limit ended with `outcome`; `expected` is documented. */
  limit(variant: string, frames: number, outcome: Outcome | { type: 'open' }, expected: string) {
    this.connections++
    this.floodFrames += frames
    const label = outcomeLabel(outcome)
    bump(this.floods, `${variant}: ${label}`)
    if (label !== 'open') bump(this.outcomes, label)
    if (label !== expected) this.mismatches.push(`${variant}: ${label}, expected ${expected}`)
  }

  /** An upgrade trick was answered with `status`. */
  upgrade(kind: string, status: number | string): void {
    bump(this.upgradeTricks, `${kind} ${status}`)
  }

  /** Every close code and upgrade status the server answered with, hostile connections only. */
  get answers(): { closeCodes: number[]; statuses: number[] } {
    const pick = (type: string) =>
      [...this.outcomes.keys()]
        .filter((label) => label.startsWith(type))
        .map((label) => Number(label.split(' ')[1]))
    return { closeCodes: pick('closed'), statuses: pick('refused') }
  }

  /** The summary the README quotes. */
  summary(extra: Record<string, string | number>): string {
    const frames = [...this.framesByKind.values()].reduce((sum, n) => sum + n, 0)
    return [
      `hostile frames sent: ${frames} (+ ${this.floodFrames} in floods) over ${this.connections} connections`,
      `  by kind: ${line(this.framesByKind)}`,
      `  by documented verdict: ${line(this.framesByVerdict)}`,
      `connection outcomes: ${line(this.outcomes)}`,
      `limit floods: ${line(this.floods)}`,
      `upgrade tricks (kind status): ${line(this.upgradeTricks)}`,
      ...Object.entries(extra).map(([key, value]) => `${key}: ${value}`),
    ].join('\n')
  }
}
