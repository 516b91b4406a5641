/**
 * The link if it is an http(s) URL, else undefined. Papers' links were checked on import, but a
 * replica may hold anything, and a `javascript:` URL must never become an href.
 */
export function safeLink(value: string | undefined): string | undefined {
  if (!value) return undefined
  try {
    const url = new URL(value)
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined
  } catch {
    return undefined
  }
}
