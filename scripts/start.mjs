// `npm start`: builds the client when the build is missing or stale, then runs the server.
// Plain JavaScript so that it runs before anything is compiled.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const builtIndex = join(root, 'dist', 'index.html')
const buildInputs = ['client', 'shared', 'vite.config.ts']

/** Newest modification time of a file or of any file below a directory. */
function newestMtime(path) {
  if (!existsSync(path)) return 0
  const stats = statSync(path)
  if (!stats.isDirectory()) return stats.mtimeMs
  let newest = 0
  for (const entry of readdirSync(path, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      newest = Math.max(newest, statSync(join(entry.parentPath ?? entry.path, entry.name)).mtimeMs)
    }
  }
  return newest
}

function buildIsStale() {
  if (!existsSync(builtIndex)) return true
  const built = statSync(builtIndex).mtimeMs
  return buildInputs.some((input) => newestMtime(join(root, input)) > built)
}

if (!existsSync(join(root, 'client', 'index.html'))) {
  console.warn(
    'start: client/index.html not found, so there is no app to build; serving the API only',
  )
} else if (buildIsStale()) {
  console.log('start: building the client (vite build)…')
  const build = spawnSync('npx', ['vite', 'build'], { cwd: root, stdio: 'inherit' })
  if (build.status !== 0) {
    console.error(
      `start: the client build failed (${build.error?.message ?? `exit code ${build.status}`})`,
    )
    process.exit(build.status || 1)
  }
}

// Own process group: a Ctrl+C in the terminal then reaches the server once, through the
// forwarding below, rather than twice (directly and forwarded), which it would take for "force quit".
// Flags after `npm start --` (e.g. `--port 9000`) go to the server.
const flags = process.argv.slice(2)
const server = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts', ...flags], {
  cwd: root,
  stdio: 'inherit',
  detached: true,
})

let forwarded = false
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    // npm passes signals on to its child too, so the same Ctrl+C may arrive here twice.
    if (forwarded) return
    forwarded = true
    server.kill(signal === 'SIGHUP' ? 'SIGTERM' : signal)
  })
}
process.on('exit', () => {
  if (server.exitCode === null && server.signalCode === null) server.kill('SIGTERM')
})

server.on('error', (error) => {
  console.error(`start: could not run the server: ${error.message}`)
  process.exit(1)
})
server.on('exit', (code, signal) => {
  process.exit(code ?? (signal ? 1 : 0))
})
