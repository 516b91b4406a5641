import { initialsOf, textOn } from './member-face'

/** A member's initials on their colour; decorative, the name is always said next to it. */
export function MemberFace(props: { name: string; colour: string }) {
  return (
    <span
      class="member-face"
      style={{ 'background-color': props.colour, color: textOn(props.colour) }}
      aria-hidden="true"
    >
      {initialsOf(props.name)}
    </span>
  )
}
