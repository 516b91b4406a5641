import type { Peer } from '../../data/presence'

/** Who else has this paper open right now. */
export function PaperPresence(props: { peers: readonly Peer[]; paperId: string }) {
  return <span>{props.peers.filter((peer) => peer.paperId === props.paperId).length}</span>
}
