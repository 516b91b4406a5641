/** The JSON body of `GET /healthz`. */
export interface Health {
  ok: boolean
  uptimeSeconds: number
  roomsLoaded: number
  connections: number
  pendingConnections: number
}

/** Fetches `/healthz`, failing unless it answers 200. */
export async function healthOf(origin: string): Promise<Health> {
  const response = await fetch(`${origin}/healthz`)
  if (response.status !== 200) throw new Error(`/healthz answered ${response.status}`)
  return (await response.json()) as Health
}

/**
 * The value of one sample in a Prometheus text exposition, e.g.
 * `sampleOf(text, 'margins_refusals_total{reason="bad-token"}')`; undefined when absent.
 */
export function sampleOf(exposition: string, sample: string): number | undefined {
  const line = exposition.split('\n').find((candidate) => candidate.startsWith(`${sample} `))
  return line === undefined ? undefined : Number(line.slice(sample.length + 1))
}

/** Fetches `/metrics` and returns one sample of it. */
export async function metricOf(origin: string, sample: string): Promise<number | undefined> {
  return sampleOf(await (await fetch(`${origin}/metrics`)).text(), sample)
}

/** Polls an asynchronous `check` (e.g. one that fetches `/healthz`) until it resolves true. */
export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 5_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
