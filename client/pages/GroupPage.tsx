import { Match, Show, Suspense, Switch, createEffect, createMemo, lazy, untrack } from 'solid-js'
import { findJoinedGroup, type JoinedGroup } from '../data/group-list'
import { createGroupView } from '../data/create-group-view'
import { createMetadataFiller } from '../data/fill-metadata'
import type { LocalProfile } from '../data/local-profile'
import { GroupHeader } from '../components/GroupHeader'
import { PresenceBar } from '../components/presence/PresenceBar'
import { InviteButton } from '../components/groups/InviteButton'
import { LeaveGroupButton } from '../components/groups/LeaveGroupButton'
import { LibraryPage } from './LibraryPage'
import type { GroupRoute } from '../app/route'
import type { GroupView } from '../data/create-group-view'
import { Notice } from '../components/Notice'
import { ProfileForm, type ProfileFields } from '../components/ProfileForm'
import { ProfileMenu } from '../components/ProfileMenu'

// The library is what a member sees first: every other page's code (with the Markdown renderer,
// the drag and shared-text libraries) loads when first opened, and the service worker precaches
// it, so it opens offline and at once.
const PaperPage = lazy(() => import('./PaperPage').then((m) => ({ default: m.PaperPage })))
const TagsPage = lazy(() => import('./TagsPage').then((m) => ({ default: m.TagsPage })))
const RoundsPage = lazy(() => import('./RoundsPage').then((m) => ({ default: m.RoundsPage })))
const RoundPage = lazy(() => import('./RoundPage').then((m) => ({ default: m.RoundPage })))
const MeetingsPage = lazy(() => import('./MeetingsPage').then((m) => ({ default: m.MeetingsPage })))
const MeetingPage = lazy(() => import('./MeetingPage').then((m) => ({ default: m.MeetingPage })))
const StoragePage = lazy(() => import('./StoragePage').then((m) => ({ default: m.StoragePage })))
const ExportPage = lazy(() => import('./ExportPage').then((m) => ({ default: m.ExportPage })))
const PdfReaderPage = lazy(() =>
  import('./PdfReaderPage').then((m) => ({ default: m.PdfReaderPage })),
)

interface ProfileProps {
  profile: LocalProfile | undefined
  onSaveProfile: (fields: ProfileFields) => void
}

interface PlaceProps {
  /** Which of the group's pages shows. */
  place: GroupRoute
}

/**
 * A group's library, its tags, rounds or meetings, or one paper, round or meeting, once the
 * group has been joined on this device.
 */
export function GroupPage(props: ProfileProps & PlaceProps) {
  const joined = createMemo(() => findJoinedGroup(props.place.groupId))
  return (
    <Show
      when={joined()}
      keyed
      fallback={
        <Notice title="Group not found on this device">
          <p>Open the group's invite link on this device to join it.</p>
        </Notice>
      }
    >
      {(group) => (
        <GroupScreen
          group={group}
          place={props.place}
          profile={props.profile}
          onSaveProfile={props.onSaveProfile}
        />
      )}
    </Show>
  )
}

function GroupScreen(props: ProfileProps & PlaceProps & { group: JoinedGroup }) {
  // Read once: the keyed <Show> around this screen remounts it for another group.
  const view = createGroupView(
    untrack(() => props.group),
    () => props.profile,
  )
  createMetadataFiller(view)
  const canWrite = view.canWrite
  const name = () => view.settings.value?.name || 'Reading group'
  const error = () => view.settings.error ?? view.library.error
  // Until the group arrives the header's name is a stand-in, whose length may differ: only the
  // "Loading" line shows below it, so that nothing moves when the name and the page come.
  const loading = () =>
    !view.settings.value && !(view.status() === 'offline' && view.loaded()) && !view.synced()
  const paperTitle = (paperId: string) =>
    view.library.value.find((entry) => entry.paper.id === paperId)?.paper.title
  createEffect(() => {
    document.title = `${name()} · Margins`
  })
  let main: HTMLElement | undefined
  // The first-run form goes away once saved: keep keyboard and screen-reader users in place.
  const saveFirstProfile = (fields: ProfileFields) => {
    props.onSaveProfile(fields)
    main?.focus({ preventScroll: true })
  }

  return (
    <>
      <GroupHeader name={name()} status={view.status()} readOnly={!canWrite}>
        <PresenceBar peers={view.presence.peers()} paperTitle={paperTitle} />
        <InviteButton groupId={props.group.groupId} groupKey={props.group.key} />
        <Show when={canWrite && props.profile}>
          {(profile) => <ProfileMenu profile={profile()} onSave={props.onSaveProfile} />}
        </Show>
      </GroupHeader>
      <main tabIndex={-1} ref={(element) => (main = element)}>
        <Show when={error()}>
          <p class="error" role="alert">
            {error()}
          </p>
        </Show>
        <Show when={!view.keptOnDevice()}>
          <p class="error" role="alert">
            This browser does not let Margins keep the group on this device (storage is blocked,
            perhaps by a private window). It works while online, but changes made offline are lost
            on reload.
          </p>
        </Show>
        <Show when={view.recovered()}>
          <p class="error" role="alert">
            The copy of this group on this device could not be read, so it was loaded again from the
            server. Changes made on this device that had not reached the server may be lost.
          </p>
        </Show>
        <Show when={view.actions.problem()}>
          {(problem) => (
            <p class="error problem" role="alert">
              {problem()}{' '}
              <button type="button" class="link-button" onClick={() => view.actions.dismiss()}>
                Dismiss
              </button>
            </p>
          )}
        </Show>
        <Show when={canWrite && !props.profile && !loading()}>
          <section class="first-run" aria-labelledby="first-run-heading">
            <h2 id="first-run-heading">Who are you?</h2>
            <p>Choose the name and colour the group will see next to your votes and notes.</p>
            <ProfileForm
              initial={undefined}
              submitLabel="Join the group"
              onSave={saveFirstProfile}
            />
          </section>
        </Show>
        <Switch>
          {/* The library can show from the device's copy of its first screen; the rest waits. */}
          <Match
            when={
              view.settings.value && (view.loaded() || props.place.page === 'group') && props.place
            }
          >
            {(place) => <GroupPlace view={view} place={place()} />}
          </Match>
          <Match when={view.status() === 'offline' && view.loaded()}>
            <p class="empty">
              This group is not on this device yet. It will appear once you are back online.
            </p>
          </Match>
          <Match when={view.synced()}>
            <p class="empty">This group has nothing in it yet.</p>
          </Match>
          <Match when={true}>
            <p class="empty">Loading the group…</p>
          </Match>
        </Switch>
      </main>
      <Show when={!loading()}>
        <footer class="group-footer">
          <Show when={view.settings.value?.description}>
            {(description) => <p class="group-description">{description()}</p>}
          </Show>
          <LeaveGroupButton groupId={props.group.groupId} groupName={name()} />
        </footer>
      </Show>
    </>
  )
}

/** The page of the group that the address names, once the group's settings are read. */
function GroupPlace(props: { view: GroupView; place: GroupRoute }) {
  const paperId = () => (props.place.page === 'paper' ? props.place.paperId : undefined)
  const roundId = () => (props.place.page === 'round' ? props.place.roundId : undefined)
  const meetingId = () => (props.place.page === 'meeting' ? props.place.meetingId : undefined)
  return (
    <Suspense>
      <Switch fallback={<LibraryPage view={props.view} />}>
        <Match when={paperId()}>
          {(paperId) => <PaperPage view={props.view} paperId={paperId()} />}
        </Match>
        <Match when={props.place.page === 'tags'}>
          <TagsPage view={props.view} />
        </Match>
        <Match when={props.place.page === 'rounds'}>
          <RoundsPage view={props.view} />
        </Match>
        <Match when={roundId()}>
          {(roundId) => <RoundPage view={props.view} roundId={roundId()} />}
        </Match>
        <Match when={props.place.page === 'meetings'}>
          <MeetingsPage view={props.view} />
        </Match>
        <Match when={meetingId()}>
          {(meetingId) => <MeetingPage view={props.view} meetingId={meetingId()} />}
        </Match>
        <Match when={props.place.page === 'storage'}>
          <StoragePage view={props.view} />
        </Match>
        <Match when={props.place.page === 'export'}>
          <ExportPage view={props.view} />
        </Match>
        <Match when={props.place.page === 'pdf' && props.place.paperId}>
          {(paperId) => <PdfReaderPage view={props.view} paperId={paperId()} />}
        </Match>
      </Switch>
    </Suspense>
  )
}
