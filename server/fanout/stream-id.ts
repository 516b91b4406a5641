/** Orders two Redis stream entry ids (`<ms>-<seq>`): negative, zero or positive. */
export function compareStreamIds(a: string, b: string): number {
  const [aMs = 0n, aSeq = 0n] = a.split('-').map((part) => BigInt(part))
  const [bMs = 0n, bSeq = 0n] = b.split('-').map((part) => BigInt(part))
  if (aMs !== bMs) return aMs < bMs ? -1 : 1
  if (aSeq !== bSeq) return aSeq < bSeq ? -1 : 1
  return 0
}

/** The id before every entry: reading after it reads a stream from its start. */
export const STREAM_START = '0-0'
