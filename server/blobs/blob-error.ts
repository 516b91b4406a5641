/**
 * A refusal of a PDF request, with the HTTP status the server answers. `message` goes to the
 * member, so it says what went wrong in plain words; `detail` (for the log only) may name hosts
 * or what an upstream answered.
 */
export class BlobRequestError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 405 | 413 | 415 | 429 | 502 | 503 | 504,
    /** A short machine-readable reason, also the log's `reason` field. */
    readonly reason: string,
    message: string,
    readonly detail?: string,
    /** Extra response headers, such as `Retry-After`. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
    this.name = 'BlobRequestError'
  }
}
