import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { onTestFinished } from 'vitest'
import { waitFor } from './wait-for'

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url))
/** How much of each stream an error message shows. */
const TAIL_CHARS = 4_000

/** `server/index.ts` running in a child process, as `npm start` runs it after the build. */
export interface ServerProcess {
  child: ChildProcess
  /** Everything printed so far, stdout and stderr together. */
  output(): string
  /** What it printed on stdout alone: the structured log, one JSON object per line. */
  stdout(): string
  /** Resolves with the exit code once the process has ended and its output has been read. */
  exited: Promise<number | null>
}

/** How the child ended: an exit code, a signal, or a failure to start at all. */
interface Ending {
  code: number | null
  signal: NodeJS.Signals | null
  error?: Error
}

function tail(text: string): string {
  return text.length > TAIL_CHARS ? `…${text.slice(-TAIL_CHARS)}` : text
}

function describeEnding(ending: Ending | undefined): string {
  if (!ending) return 'still running'
  if (ending.error) return `failed to start: ${ending.error.message}`
  return `exit code ${ending.code}, signal ${ending.signal}`
}

/**
 * Starts `node --import tsx server/index.ts [...args]` with `env` added to the environment, and resolves
 * once it prints `readyPattern`. Killed when the current test finishes, if still running, unless
 * `ownedByCaller` (started in a `beforeAll`: the caller kills it). If it ends or times out
 * first, the error says how it ended and shows the tail of stderr and stdout.
 */
export async function startServerProcess(
  env: Record<string, string>,
  readyPattern: RegExp,
  args: readonly string[] = [],
  ownedByCaller = false,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let text = ''
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString()
    text += chunk.toString()
  })
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
    text += chunk.toString()
  })
  let ending: Ending | undefined
  // 'close' rather than 'exit': it comes after the pipes are drained, so the output is whole.
  const ended = new Promise<Ending>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal }))
    child.on('error', (error) => resolve({ code: null, signal: null, error }))
  })
  void ended.then((result) => (ending = result))
  if (!ownedByCaller) {
    onTestFinished(async () => {
      if (!ending) {
        child.kill('SIGKILL')
        await ended
      }
    })
  }

  const failure = (what: string) =>
    new Error(
      `${what} (${describeEnding(ending)})\n` +
        `--- stderr ---\n${tail(stderr)}\n--- stdout ---\n${tail(stdout)}`,
    )
  try {
    await waitFor(
      `the server to print ${readyPattern}`,
      () => readyPattern.test(text) || ending !== undefined,
      30_000,
    )
  } catch (error) {
    throw failure(error instanceof Error ? error.message : String(error))
  }
  if (!readyPattern.test(text)) throw failure('server exited early')
  return {
    child,
    output: () => text,
    stdout: () => stdout,
    exited: ended.then((result) => result.code),
  }
}
