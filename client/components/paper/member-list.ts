/** "Ada, Ben and Cay" in the reader's language. */
const list = new Intl.ListFormat(undefined, { style: 'long', type: 'conjunction' })

/** The names joined as a sentence would: "Ada", "Ada and Ben", "Ada, Ben and Cay". */
export function joinNames(names: readonly string[]): string {
  return list.format(names)
}
