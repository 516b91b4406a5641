import type { IncomingMessage } from 'node:http'
import { describe, expect, it } from 'vitest'
import type { ArxivClient } from '../../server/arxiv/arxiv-client'
import { createArxivRoute } from '../../server/arxiv/arxiv-route'
import { budgetKey } from '../../server/arxiv/budget-key'
import { createLogger } from '../../server/logger'

describe('budgetKey', () => {
  it.each([
    ['an IPv4 address', '203.0.113.7', '203.0.113.7'],
    ['an IPv4 address on a dual-stack socket', '::ffff:203.0.113.7', '203.0.113.7'],
    ['the same, written in hex', '::ffff:cb00:7107', '203.0.113.7'],
    ['a full IPv6 address', '2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['a compressed one', '2001:db8::1', '2001:db8:0:0::/64'],
    ['upper case and leading zeros', '2001:0DB8:0001:0002::ABCD', '2001:db8:1:2::/64'],
    ['one with a zone', 'fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['loopback', '::1', '0:0:0:0::/64'],
    ['a dotted tail that is not IPv4-mapped', '64:ff9b::192.0.2.1', '64:ff9b:0:0::/64'],
    ['something else', 'unknown', 'unknown'],
  ])('keys %s', (_name, address, key) => {
    expect(budgetKey(address)).toBe(key)
  })

  it('gives every address of one /64 the same key, and another /64 another', () => {
    const keys = new Set(
      ['2001:db8:5:6::1', '2001:db8:5:6:ffff:ffff:ffff:ffff', '2001:db8:5:6:a:b:c:d'].map(
        budgetKey,
      ),
    )
    expect(keys.size).toBe(1)
    expect(budgetKey('2001:db8:5:7::1')).not.toBe(budgetKey('2001:db8:5:6::1'))
  })
})

describe('the /api/arxiv budget', () => {
  const client: ArxivClient = {
    lookup: async () => ({ papers: [], missing: [] }),
    isCached: () => false,
    requests: 0,
    close: async () => undefined,
  }
  const request = (address: string) =>
    ({ url: '/api/arxiv?ids=2401.00001', socket: { remoteAddress: address } }) as IncomingMessage

  it('is shared by the addresses of one IPv6 /64, and by IPv4 however written', async () => {
    const route = createArxivRoute({
      client,
      logger: createLogger(() => undefined),
      limits: { burst: 2, perMinute: 1 },
      now: () => 0,
    })
    const statuses = async (addresses: string[]) =>
      Promise.all(addresses.map(async (address) => (await route(request(address))).status))
    expect(await statuses(['2001:db8::1', '2001:db8::2', '2001:db8::3'])).toEqual([200, 200, 429])
    expect(await statuses(['2001:db8:0:1::1'])).toEqual([200])
    expect(await statuses(['203.0.113.7', '::ffff:203.0.113.7', '::ffff:203.0.113.7'])).toEqual([
      200, 200, 429,
    ])
  })
})
