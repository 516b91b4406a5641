/** A member's colour as a small dot beside their name; decorative, the name says who. */
export function MemberDot(props: { colour: string }) {
  return <span class="member-dot" aria-hidden="true" style={{ background: props.colour }} />
}
