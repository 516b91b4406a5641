/** "Open" or "Closed", in words (never by colour alone). */
export function RoundState(props: { closed: boolean }) {
  return (
    <span class="round-state" data-state={props.closed ? 'closed' : 'open'}>
      {props.closed ? 'Closed' : 'Open'}
    </span>
  )
}
