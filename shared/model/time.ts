/**
 * Times read back from a group document. Another replica may have stored any number (or none),
 * and a number past what a Date can hold makes formatting it throw, so readers pass every stored
 * time through here rather than trusting its type alone.
 */

/** The furthest a JavaScript Date reaches either side of 1970, in milliseconds. */
export const MAX_TIME = 8.64e15

/** `value` when it is epoch milliseconds a Date can hold, otherwise undefined. */
export function asTime(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= MAX_TIME
    ? value
    : undefined
}
