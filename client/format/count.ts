const rules = new Intl.PluralRules()
const numbers = new Intl.NumberFormat()

/** "1 vote", "2 votes", with the number in the reader's locale. */
export function formatCount(count: number, one: string, other: string): string {
  return `${numbers.format(count)} ${rules.select(count) === 'one' ? one : other}`
}
