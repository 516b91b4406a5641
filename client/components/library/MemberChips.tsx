import { For, Show } from 'solid-js'
import type { Member } from '../../../shared/model'

const SHOWN = 5
const names = new Intl.ListFormat(undefined, { style: 'long', type: 'conjunction' })

/** One or two letters for a member's chip: the first letters of their first two words. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/u).filter(Boolean)
  const letters = words.slice(0, 2).map((word) => [...word][0] ?? '')
  return letters.join('').toLocaleUpperCase() || '?'
}

/** Black or white, whichever reads better on a member's `#rrggbb` colour. */
export function textOn(colour: string): string {
  const rgb = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour)
  if (!rgb) return '#000000'
  const [r, g, b] = rgb.slice(1).map((hex) => {
    const c = parseInt(hex, 16) / 255
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }) as [number, number, number]
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
  // Contrast with black beats contrast with white above this luminance.
  return luminance > 0.179 ? '#000000' : '#ffffff'
}

/** The members who have read a paper, as coloured initials; their names for screen readers. */
export function ReadBy(props: { readers: readonly Member[] }) {
  const label = () => `Read by ${names.format(props.readers.map((member) => member.name))}`
  const hidden = () => props.readers.length - SHOWN
  return (
    <Show when={props.readers.length > 0}>
      <p class="read-by" title={label()}>
        <span class="visually-hidden">{label()}</span>
        <span class="read-by-label" aria-hidden="true">
          Read by
        </span>
        <For each={props.readers.slice(0, SHOWN)}>
          {(member) => (
            <span
              class="member-chip"
              aria-hidden="true"
              style={{ background: member.colour, color: textOn(member.colour) }}
            >
              {initials(member.name)}
            </span>
          )}
        </For>
        <Show when={hidden() > 0}>
          <span class="member-more" aria-hidden="true">
            +{hidden()}
          </span>
        </Show>
      </p>
    </Show>
  )
}
