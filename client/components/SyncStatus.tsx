import type { SyncStatus as Status } from '../data/open-group'

const LABELS: Record<Status, string> = {
  offline: 'Offline',
  connecting: 'Connecting…',
  syncing: 'Syncing…',
  synced: 'Synced',
}

const HINTS: Record<Status, string> = {
  offline: 'Changes are kept on this device and sync when you are back online.',
  connecting: 'Connecting to the server.',
  syncing: 'Exchanging changes with the server.',
  synced: 'Up to date with the group.',
}

/** The connection status, announced politely to screen readers when it changes. */
export function SyncStatus(props: { status: Status }) {
  return (
    <p class="sync-status" data-status={props.status} role="status" title={HINTS[props.status]}>
      <span class="sync-dot" aria-hidden="true" />
      {LABELS[props.status]}
    </p>
  )
}
