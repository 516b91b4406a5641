import type { GroupView } from '../../data/create-group-view'

/** Adds papers to the group: paste or drop, preview with duplicates flagged, then import. */
export function ImportDialog(props: { view: GroupView; onClose: () => void }) {
  return (
    <button type="button" onClick={() => props.onClose()}>
      Close {props.view.groupId}
    </button>
  )
}
