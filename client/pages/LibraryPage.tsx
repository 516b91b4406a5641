import type { GroupView } from '../data/create-group-view'
import { LibraryList } from '../components/LibraryList'

/** The group's feed: every paper, sorted, filtered and searchable; adding papers. */
export function LibraryPage(props: { view: GroupView }) {
  return <LibraryList entries={props.view.library.value} />
}
