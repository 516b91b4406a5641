import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { build, type PluginOption } from 'vite'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The production build of the client, for the e2e tests' server to serve. */
    appDir: string
  }
}

const repoRoot = resolve(import.meta.dirname, '../..')

/**
 * A production build of the client with the repo's Vite config into `outDir`; `plugins` are
 * added to the config's. Vite takes the build's flavour from NODE_ENV, which Vitest sets to
 * `test`: left so, `import.meta.env.DEV` would be true and the app would skip its service worker.
 */
export async function buildApp(outDir: string, plugins: PluginOption[] = []): Promise<void> {
  const nodeEnv = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  try {
    await build({
      configFile: join(repoRoot, 'vite.config.ts'),
      root: join(repoRoot, 'client'),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
      plugins,
    })
  } finally {
    process.env.NODE_ENV = nodeEnv
  }
}

/**
 * Builds the client once per run of the e2e project into a temp directory (never into dist/,
 * which a developer may be serving).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const outDir = await mkdtemp(join(tmpdir(), 'margins-e2e-app-'))
  await buildApp(outDir)
  project.provide('appDir', outDir)
  return () => rm(outDir, { recursive: true, force: true })
}
