/**
 * Which budget of `/api/arxiv` a client address draws on. An IPv4 address is one client, but an
 * IPv6 host usually holds a whole /64 and may pick any address in it, so counting each IPv6
 * address apart would give one host some 2^64 budgets.
 */
import { isIPv4, isIPv6 } from 'node:net'

/**
 * The budget key of a socket's remote address: an IPv4 address as it is (also when a dual-stack
 * socket shows it IPv4-mapped, `::ffff:a.b.c.d`), an IPv6 address as its /64 prefix
 * (`2001:db8:0:1::/64`), anything else unchanged.
 */
export function budgetKey(address: string): string {
  // fe80::1%eth0: the zone names the server's interface, not the client.
  const ip = address.replace(/%.*$/, '')
  if (isIPv4(ip)) return ip
  if (!isIPv6(ip)) return address
  const groups = ipv6Groups(ip)
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    const [high = 0, low = 0] = groups.slice(6)
    return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.')
  }
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(':')}::/64`
}

/** The eight 16-bit groups of an address `isIPv6` accepted (so with at most one `::`). */
function ipv6Groups(ip: string): number[] {
  // A dotted IPv4 tail stands for the last two groups.
  const text = ip.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_all, a, b, c, d) =>
    [Number(a) * 256 + Number(b), Number(c) * 256 + Number(d)]
      .map((group) => group.toString(16))
      .join(':'),
  )
  const [head = '', tail] = text.split('::')
  const parse = (part: string | undefined) =>
    part ? part.split(':').map((group) => parseInt(group, 16)) : []
  const left = parse(head)
  const right = parse(tail)
  const zeros = Array.from({ length: 8 - left.length - right.length }, () => 0)
  return [...left, ...zeros, ...right]
}
