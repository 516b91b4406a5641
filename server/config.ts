import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** What `server/index.ts` starts the server with. */
export interface ServerConfig {
  port: number
  host: string
  /** Absolute path of the data directory (SQLite file, demo group key). */
  dataDir: string
  /** Absolute path of the client build. */
  staticDir: string
}

/** The client build, `dist/` at the repository root, wherever the process was started from. */
const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../dist', import.meta.url))

/**
 * Reads the configuration from environment variables: `PORT` (default 8080), `HOST` (default
 * 0.0.0.0), `MARGINS_DATA_DIR` (default `./data`, relative to `cwd`). Throws on a bad value
 * rather than starting on a surprising one.
 */
export function readConfig(env: NodeJS.ProcessEnv, cwd: string): ServerConfig {
  const portText = env.PORT?.trim() || '8080'
  const port = Number(portText)
  if (!/^\d+$/.test(portText) || port > 65_535) {
    throw new Error(`PORT must be a port number from 0 to 65535, not ${JSON.stringify(env.PORT)}`)
  }
  return {
    port,
    host: env.HOST?.trim() || '0.0.0.0',
    dataDir: resolve(cwd, env.MARGINS_DATA_DIR?.trim() || 'data'),
    staticDir: DEFAULT_STATIC_DIR,
  }
}
