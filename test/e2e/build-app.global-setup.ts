import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { build } from 'vite'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The production build of the client, for the e2e tests' server to serve. */
    appDir: string
  }
}

const repoRoot = resolve(import.meta.dirname, '../..')

/**
 * Builds the client once per run of the e2e project, with the repo's Vite config, into a temp
 * directory (never into dist/, which a developer may be serving).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const outDir = await mkdtemp(join(tmpdir(), 'margins-e2e-app-'))
  await build({
    configFile: join(repoRoot, 'vite.config.ts'),
    root: join(repoRoot, 'client'),
    mode: 'production',
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  })
  project.provide('appDir', outDir)
  return () => rm(outDir, { recursive: true, force: true })
}
