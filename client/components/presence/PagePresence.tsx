import { For, Show, createMemo } from 'solid-js'
import type { Peer } from '../../data/presence'
import { MemberFace } from './MemberFace'
import '../../styles/presence.css'

/**
 * "Ben is on page 3": the other members reading this paper's PDF now, each with the page in
 * view on their device; choosing one goes to that page. A member on two devices shows twice
 * only when they are on two pages.
 */
export function PagePresence(props: {
  peers: readonly Peer[]
  paperId: string
  onGoTo: (page: number) => void
}) {
  const readers = createMemo(() => {
    const seen = new Set<string>()
    return props.peers.flatMap((peer) => {
      const key = `${peer.memberId}/${peer.page ?? ''}`
      if (peer.paperId !== props.paperId || peer.page === undefined || seen.has(key)) return []
      seen.add(key)
      return [{ key, name: peer.name, colour: peer.colour, page: peer.page }]
    })
  })
  return (
    // Always in the page, so that screen readers hear who arrives and where they go.
    <div class="page-presence" aria-live="polite">
      <Show when={readers().length > 0}>
        <ul class="page-presence-list" aria-label="Members reading this PDF">
          <For each={readers()}>
            {(reader) => (
              <li>
                <button type="button" class="link-button" onClick={() => props.onGoTo(reader.page)}>
                  <MemberFace name={reader.name} colour={reader.colour} />
                  {`${reader.name} is on page ${reader.page}`}
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </div>
  )
}
