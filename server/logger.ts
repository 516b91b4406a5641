/** Severity of a log line. */
export type LogLevel = 'info' | 'warn' | 'error'

/** Extra fields of a log line. Never put a token, a key or a URL with a query in here. */
export type LogFields = Record<string, string | number | boolean | null | undefined>

/**
 * Structured logging: each call writes one JSON object on one line, `time`, `level`, `event`
 * (a stable dotted name to filter on), `msg` (for people) and the fields.
 */
export interface Logger {
  info(event: string, msg: string, fields?: LogFields): void
  warn(event: string, msg: string, fields?: LogFields): void
  error(event: string, msg: string, fields?: LogFields): void
  /** The plain-line `log` option that rooms take, as structured `room` events. */
  roomLine(line: string): void
}

/** A {@link Logger} that hands each JSON line to `write` (default: stdout). */
export function createLogger(
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  now: () => Date = () => new Date(),
): Logger {
  const emit = (level: LogLevel, event: string, msg: string, fields: LogFields = {}) => {
    write(JSON.stringify({ time: now().toISOString(), level, event, msg, ...fields }))
  }
  return {
    info: (event, msg, fields) => emit('info', event, msg, fields),
    warn: (event, msg, fields) => emit('warn', event, msg, fields),
    error: (event, msg, fields) => emit('error', event, msg, fields),
    roomLine: (line) => {
      // Rooms log `room <groupId>: <what happened>`; a group id is no secret by itself.
      const groupId = /^room ([A-Za-z0-9_-]+):/.exec(line)?.[1]
      const level = /error|failed/i.test(line) ? 'error' : 'info'
      emit(level, 'room', line, groupId === undefined ? {} : { groupId })
    },
  }
}
