import type { Peer } from '../../data/presence'

/** Who else is in the group right now. */
export function PresenceBar(props: { peers: readonly Peer[] }) {
  return <span>{props.peers.length}</span>
}
