import { describe, expect, it } from 'vitest'
import * as decoding from 'lib0/decoding'
import { decodeAwarenessEntries } from '../../server/protocol'
import { awarenessMessage } from '../helpers/sync-client'

/** The awareness update inside an awareness message. */
function payloadOf(message: Uint8Array): Uint8Array {
  const decoder = decoding.createDecoder(message)
  decoding.readVarUint(decoder)
  return decoding.readVarUint8Array(decoder)
}

describe('decoding presence', () => {
  const update = payloadOf(
    awarenessMessage([
      { clientId: 1, clock: 4, state: '{"paper":"p1"}' },
      { clientId: 2, clock: 9, state: 'null' },
    ]),
  )

  it('leaves out the entries the room already holds, as their bytes, unread', () => {
    const seen: string[] = []
    const held = (clientId: number, clock: number, state: Uint8Array) => {
      seen.push(`${clientId}@${clock}:${new TextDecoder().decode(state)}`)
      return clientId === 1
    }
    expect(decodeAwarenessEntries(update, held)).toEqual([{ clientId: 2, clock: 9, state: null }])
    expect(seen).toEqual(['1@4:{"paper":"p1"}', '2@9:null'])
  })

  it('still refuses an entry it does not hold that is not JSON or not UTF-8', () => {
    const notJson = payloadOf(awarenessMessage([{ clientId: 1, clock: 5, state: '{"paper":' }]))
    expect(() => decodeAwarenessEntries(notJson, () => false)).toThrow()
    const notUtf8 = Uint8Array.from([1, 1, 5, 2, 0xc3, 0x28])
    expect(() => decodeAwarenessEntries(notUtf8, () => false)).toThrow()
    expect(() => decodeAwarenessEntries(notUtf8)).toThrow()
  })
})
