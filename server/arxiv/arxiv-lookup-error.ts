/**
 * Why a lookup failed, with the HTTP status the server answers it with. `message` goes to the
 * browser, so it says what went wrong in general terms; `detail` (for the log only) may name
 * hosts, addresses or what the upstream answered.
 */
export class ArxivLookupError extends Error {
  constructor(
    /** 502 arXiv failed or answered nonsense, 503 too many lookups waiting, 504 arXiv timed out. */
    readonly status: 502 | 503 | 504,
    message: string,
    /** What the operator needs to know, kept out of the answer. */
    readonly detail?: string,
  ) {
    super(message)
    this.name = 'ArxivLookupError'
  }
}
