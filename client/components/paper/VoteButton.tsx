import { Show } from 'solid-js'
import { toggleVote } from '../../../shared/model'
import { formatCount } from '../../format/count'
import { joinNames } from './member-list'
import { usePaperContext } from './paper-context'

/** The member's vote for the paper, the count, and who voted. */
export function VoteButton(props: { voters: readonly string[] }) {
  const context = usePaperContext()
  const voted = () => {
    const me = context.view.memberId()
    return me !== undefined && props.voters.includes(me)
  }
  const count = () => formatCount(props.voters.length, 'vote', 'votes')
  const names = () => props.voters.map((id) => context.author(id).name)
  return (
    <div class="paper-vote">
      <Show when={context.view.canWrite} fallback={<span class="vote-count">{count()}</span>}>
        <button
          type="button"
          class="vote-button"
          aria-pressed={voted()}
          onClick={() =>
            context.view.actions.run((doc, actor) => toggleVote(doc, actor, context.paperId()))
          }
        >
          <span aria-hidden="true">▲</span> Vote <span class="vote-count">{count()}</span>
        </button>
      </Show>
      <Show when={names().length > 0}>
        <span class="voters">Voted by {joinNames(names())}</span>
      </Show>
    </div>
  )
}
