import { toBase64UrlEncoded } from 'lib0/buffer'
import { getRandomValues } from 'lib0/webcrypto'

/** A fresh random id for an annotation or comment: 128 bits, base64url (22 characters). */
export function newId(): string {
  return toBase64UrlEncoded(getRandomValues(new Uint8Array(16)))
}
