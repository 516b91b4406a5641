import { Show } from 'solid-js'
import { accessOfJoined, readJoinedGroups } from '../data/group-list'
import { GroupList, type GroupSummary } from '../components/GroupList'
import { Welcome } from '../components/Welcome'
import { PlainHeader } from '../components/PlainHeader'

/** The groups joined on this device, or a welcome when there are none. */
export function HomePage() {
  const groups: GroupSummary[] = readJoinedGroups().map((group) => ({
    groupId: group.groupId,
    name: group.name,
    readOnly: accessOfJoined(group) !== 'write',
  }))
  document.title = 'Margins'
  return (
    <>
      <PlainHeader />
      <main>
        <Show when={groups.length > 0} fallback={<Welcome />}>
          <section aria-labelledby="groups-heading">
            <h1 id="groups-heading">Your groups</h1>
            <GroupList groups={groups} />
          </section>
        </Show>
      </main>
    </>
  )
}
