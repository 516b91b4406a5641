/** A numeric command-line option, `--name value`, or undefined when not given. */
export function argument(name: string): number | undefined {
  const at = process.argv.indexOf(`--${name}`)
  return at > 0 ? Number(process.argv[at + 1]) : undefined
}

/** Whether the flag `--name` was given. */
export function flag(name: string): boolean {
  return process.argv.includes(`--${name}`)
}

/** The middle sample: one slow run (a garbage collection) does not move it. */
export function median(samples: number[]): number {
  const sorted = samples.slice().sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] as number
}

/** The sample below which `share` (0–1) of the samples fall, nearest rank: p95 is `percentile(s, 0.95)`. */
export function percentile(samples: number[], share: number): number {
  const sorted = samples.slice().sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] as number
}

/** Median time in milliseconds of `task` over `runs` runs, each given a fresh value from `setup` (not timed). */
export function time<T>(runs: number, task: (value: T) => unknown, setup: () => T): number
/** Median time in milliseconds of `task` over `runs` runs. */
export function time(runs: number, task: () => unknown): number
export function time(
  runs: number,
  task: (value: unknown) => unknown,
  setup: () => unknown = () => undefined,
): number {
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const value = setup()
    const start = performance.now()
    task(value)
    samples.push(performance.now() - start)
  }
  return median(samples)
}
