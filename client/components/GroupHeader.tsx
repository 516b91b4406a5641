import { Show, type JSX } from 'solid-js'
import type { SyncStatus as Status } from '../data/open-group'
import { SyncStatus } from './SyncStatus'

/** The top of a group's pages: name, sync status, and a badge when the key is read-only. */
export function GroupHeader(props: {
  name: string
  status: Status
  readOnly: boolean
  children?: JSX.Element
}) {
  return (
    <header class="app-header">
      <a class="home-link" href="#">
        Margins
      </a>
      <div class="group-title">
        <h1>{props.name}</h1>
        <Show when={props.readOnly}>
          <span class="badge" title="Your invite link lets you read this group but not change it">
            Read-only
          </span>
        </Show>
      </div>
      <div class="header-tools">
        <SyncStatus status={props.status} />
        {props.children}
      </div>
    </header>
  )
}
