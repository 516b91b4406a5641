import {
  ErrorBoundary,
  Match,
  Suspense,
  Switch,
  createEffect,
  createSignal,
  lazy,
  on,
  untrack,
  type Accessor,
} from 'solid-js'
import { createHashRoute, groupRouteOf, replaceHash, type Route } from './route'
import { rememberGroup } from '../data/group-list'
import { readLocalProfile, saveLocalProfile } from '../data/local-profile'
import type { ProfileFields } from '../components/ProfileForm'
import { Notice } from '../components/Notice'
import { HomePage } from '../pages/HomePage'
import { GroupPage } from '../pages/GroupPage'
import { UpdatePrompt } from '../components/UpdatePrompt'

// Creating a group is a first visit's business at most once, and the invite link (the most
// common first page) never needs it: its code loads when first opened.
const NewGroupPage = lazy(() =>
  import('../pages/NewGroupPage').then((m) => ({ default: m.NewGroupPage })),
)
// Moving to another device is rare: its code (with the QR code) loads when first opened.
const DevicePage = lazy(() =>
  import('../pages/DevicePage').then((m) => ({ default: m.DevicePage })),
)

/** The app: hash routes to the home page, a group's page, or an invite being accepted. */
export function App() {
  const route = createHashRoute()
  const [profile, setProfile] = createSignal(readLocalProfile())
  const saveProfile = (fields: ProfileFields) => setProfile(saveLocalProfile(fields))

  createEffect(() => {
    const current = route()
    if (current.page !== 'join') return
    rememberGroup(current.groupId, current.key)
    // Replacing the entry keeps the key out of the history and the address bar.
    replaceHash(`#g/${current.groupId}`)
  })

  const groupRoute = () => groupRouteOf(route())
  const deviceData = () => {
    const current = route()
    return current.page === 'device-link' ? current.data : undefined
  }

  return (
    <>
      <UpdatePrompt />
      <ErrorBoundary
        fallback={(error, retry) => <PageFailed error={error} retry={retry} route={route} />}
      >
        <Switch
          fallback={
            <Notice title="Page not found">
              <p>
                <a href="#">Go to your groups</a>
              </p>
            </Notice>
          }
        >
          <Match when={route().page === 'home'}>
            <HomePage profile={profile()} onSaveProfile={saveProfile} />
          </Match>
          <Match when={route().page === 'new-group'}>
            <Suspense>
              <NewGroupPage profile={profile()} onSaveProfile={saveProfile} />
            </Suspense>
          </Match>
          <Match when={route().page === 'device' || route().page === 'device-link'}>
            <Suspense>
              <DevicePage
                data={deviceData()}
                profile={profile()}
                onAdopted={(adopted) => {
                  setProfile(adopted)
                  // The link holds the member's secret: keep it out of the history.
                  replaceHash('#')
                }}
              />
            </Suspense>
          </Match>
          <Match when={route().page === 'join'}>
            <Notice title="Joining the group…">
              <p>One moment.</p>
            </Notice>
          </Match>
          <Match when={route().page === 'invalid-invite'}>
            <Notice title="This invite link is not valid">
              <p>
                Check that the whole link was copied, or ask a member of the group for a new one.
              </p>
            </Notice>
          </Match>
          <Match when={groupRoute()}>
            {(place) => (
              <GroupPage place={place()} profile={profile()} onSaveProfile={saveProfile} />
            )}
          </Match>
        </Switch>
      </ErrorBoundary>
    </>
  )
}

/**
 * What shows instead of a page that failed to render, so that one fault never blanks the app.
 * Going to another address tries again, since the fault may be in that one page.
 */
function PageFailed(props: { error: unknown; retry: () => void; route: Accessor<Route> }) {
  untrack(() => console.error('A page failed to render', props.error))
  createEffect(
    on(
      () => props.route(),
      () => props.retry(),
      { defer: true },
    ),
  )
  return (
    <Notice title="Something on this page could not be shown">
      <p>What you and your group wrote is still saved on this device; only showing it failed.</p>
      <p>
        <button type="button" onClick={() => location.reload()}>
          Reload the page
        </button>{' '}
        <a href="#">Go to your groups</a>
      </p>
    </Notice>
  )
}
