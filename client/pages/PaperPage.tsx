import type { GroupView } from '../data/create-group-view'

/** One paper: its abstract with the group's highlights, annotations and threads. */
export function PaperPage(props: { view: GroupView; paperId: string }) {
  return <p>{props.paperId}</p>
}
