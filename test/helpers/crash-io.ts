import { readFile } from 'node:fs/promises'

/** Bytes a process has handed to write(2) and friends so far (`wchar` of `/proc/<pid>/io`). */
async function bytesWritten(pid: number): Promise<number | undefined> {
  try {
    const io = await readFile(`/proc/${pid}/io`, 'utf8')
    const wchar = /^wchar:\s*(\d+)$/m.exec(io)?.[1]
    return wchar === undefined ? undefined : Number(wchar)
  } catch {
    return undefined
  }
}

/** True when `/proc/<pid>/io` can be read here (Linux, same user), so bursts can be seen. */
export async function canWatchWrites(pid: number): Promise<boolean> {
  return (await bytesWritten(pid)) !== undefined
}

/**
 * Resolves true as soon as `pid` writes at least `burstBytes` between two samples about a
 * millisecond apart (far more than small appends write, as much as a large snapshot does), or
 * false once `timeoutMs` passed without one or the process is gone.
 */
export async function waitForWriteBurst(
  pid: number,
  burstBytes: number,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  let previous = await bytesWritten(pid)
  while (previous !== undefined && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 1))
    const now = await bytesWritten(pid)
    if (now === undefined) return false
    if (now - previous >= burstBytes) return true
    previous = now
  }
  return false
}
