import { formatCount } from '../../format/count'

const units = ['kilobyte', 'megabyte', 'gigabyte'] as const
const formats = new Map<string, Intl.NumberFormat>()

/**
 * A size in the reader's locale: "868 bytes", "850 kB", "2.4 MB" (units of 1,000, as browsers
 * report storage).
 */
export function formatSize(bytes: number): string {
  if (bytes < 1000) return formatCount(Math.max(0, Math.round(bytes)), 'byte', 'bytes')
  let value = bytes / 1000
  let unit = 0
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000
    unit++
  }
  const name = units[unit] ?? 'kilobyte'
  let format = formats.get(name)
  if (!format) {
    format = new Intl.NumberFormat(undefined, {
      style: 'unit',
      unit: name,
      unitDisplay: 'short',
      maximumFractionDigits: unit === 0 ? 0 : 1,
    })
    formats.set(name, format)
  }
  return format.format(value)
}
