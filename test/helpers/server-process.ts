import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { onTestFinished } from 'vitest'
import { waitFor } from './wait-for'

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** `server/index.ts` running in a child process, as `npm start` runs it after the build. */
export interface ServerProcess {
  child: ChildProcess
  /** Everything printed so far, stdout and stderr together. */
  output(): string
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>
}

/**
 * Starts `node --import tsx server/index.ts` with `env` added to the environment, and resolves
 * once it prints `readyPattern`. Killed when the current test finishes, if still running.
 */
export async function startServerProcess(
  env: Record<string, string>,
  readyPattern: RegExp,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let text = ''
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  let ended = false
  void exited.then(() => (ended = true))
  onTestFinished(async () => {
    if (!ended) {
      child.kill('SIGKILL')
      await exited
    }
  })
  await waitFor(
    `the server to print ${readyPattern}`,
    () => readyPattern.test(text) || ended,
    30_000,
  )
  if (!readyPattern.test(text)) throw new Error(`server exited early:\n${text}`)
  return { child, output: () => text, exited }
}
