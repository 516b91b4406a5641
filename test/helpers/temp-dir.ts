import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { onTestFinished } from 'vitest'

/**
 * A fresh empty directory under the OS temp dir, removed when the current test finishes
 * (pass or fail). Call it inside a test, not at module or `describe` level.
 */
export async function useTempDir(prefix = 'margins-test-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix))
  onTestFinished(() => rm(dir, { recursive: true, force: true }))
  return dir
}
