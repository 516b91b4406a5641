import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import type { Awareness } from 'y-protocols/awareness'
import { batch, createSignal, onCleanup, type Accessor } from 'solid-js'
import { persistLocally } from './local-store'

/** What the member sees of the connection to the server. */
export type SyncStatus = 'offline' | 'connecting' | 'syncing' | 'synced'

/** One group's document, kept in IndexedDB and synced with the server while online. */
export interface GroupConnection {
  readonly groupId: string
  readonly doc: Y.Doc
  /** Presence of the devices connected to the group (see presence.ts). */
  readonly awareness: Awareness
  /** Connection to the server. */
  readonly status: Accessor<SyncStatus>
  /** True once the document holds what this device stored, or what the server sent. */
  readonly loaded: Accessor<boolean>
  /** True once the server has answered the sync since the last (re)connect. */
  readonly synced: Accessor<boolean>
  /** False when this browser cannot keep the group (IndexedDB blocked): nothing survives a reload. */
  readonly keptOnDevice: Accessor<boolean>
  /**
   * True when the copy kept on this device could not be read and was removed: the group comes
   * from the server again, and edits that had not reached it may be gone.
   */
  readonly recovered: Accessor<boolean>
  /**
   * The plain copy of the first screen this device kept beside the group (first-screen.ts), as
   * stored, once read: before `loaded`, while the document itself is still being read.
   */
  readonly storedFirstScreen: Accessor<unknown>
  /** Keeps `value` as the plain copy of the first screen for the next load. */
  keepFirstScreen(value: unknown): void
}

interface Entry {
  connection: GroupConnection
  users: number
  /** Users that want it synced with the server; with none it is kept on this device only. */
  syncing: number
  setSync: (on: boolean) => void
  close: () => Promise<void>
}

/** Open connections by database: two components on one group share one document. */
const open = new Map<string, Entry>()

/** The websocket endpoint on the origin that served the app. */
function syncUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:'
  return `${scheme}//${location.host}/sync`
}

/** The IndexedDB database that keeps a group's document on this device. */
export function groupDatabaseName(groupId: string): string {
  return `margins-group-${groupId}`
}

/**
 * A document this device keeps and syncs: a group's, or a member's private one (private-doc.ts),
 * which the server holds as a group of its own.
 */
export interface DocumentPlace {
  /** The group id the server knows the document by. */
  readonly groupId: string
  /** Its write or read key, the token the server checks. */
  readonly key: string
  /** The IndexedDB database that keeps it on this device. */
  readonly databaseName: string
}

function connect({ groupId, key, databaseName }: DocumentPlace): Entry {
  const doc = new Y.Doc()
  const [storedFirstScreen, setStoredFirstScreen] = createSignal<unknown>()
  const local = persistLocally(databaseName, doc, {
    onFirstScreen: (value) => setStoredFirstScreen(() => value),
  })
  // The key leaves the device only here, as the token the server checks at upgrade.
  const remote = new WebsocketProvider(syncUrl(), groupId, doc, {
    params: { token: key },
    connect: false,
    // No BroadcastChannel between this device's tabs: at every connect y-websocket encodes the
    // whole group for the other tabs, and each of them decodes it (for 2,000 papers, a task of
    // about half a second in every open tab, right after the library shows). Tabs of a group
    // meet through the server instead, and through the stored copy, which each tab writes to
    // and reads at load and merge (docs/offline.md: only two tabs offline at once do not see
    // each other's edits until a reload or until they are back online).
    disableBc: true,
  })

  const [status, setStatus] = createSignal<SyncStatus>('connecting')
  const [loaded, setLoaded] = createSignal(false)
  const [synced, setSynced] = createSignal(false)
  const [keptOnDevice, setKeptOnDevice] = createSignal(true)
  const [recovered, setRecovered] = createSignal(false)
  let localLoaded = false
  void local.available.then(setKeptOnDevice)
  // In the task that applied the stored copy: the projections have read it by then.
  void local.whenLoaded.then(() => setLoaded(true))
  void local.recovered.then(setRecovered)

  const update = () => {
    setSynced(remote.wsconnected && remote.synced)
    if (!navigator.onLine) setStatus('offline')
    else if (remote.wsconnected) setStatus(remote.synced ? 'synced' : 'syncing')
    // After a failed attempt the provider keeps retrying with backoff: that is offline to a member.
    else if (
      (remote.wsconnecting || !remote.shouldConnect) &&
      remote.wsUnsuccessfulReconnects === 0
    )
      setStatus('connecting')
    else setStatus('offline')
    if (remote.synced) setLoaded(true)
  }
  // A socket opened before the network went away can linger half-dead until the provider's
  // watchdog notices, so reconnect at once when the browser is back online.
  // Before the local copy has loaded, the load itself connects.
  const reconnect = () =>
    localLoaded &&
    wanted &&
    batch(() => {
      remote.disconnect()
      // A fresh start, not one more failed attempt: show "connecting" rather than "offline".
      remote.wsUnsuccessfulReconnects = 0
      remote.connect()
      update()
    })
  remote.on('status', update)
  remote.on('sync', update)
  remote.on('connection-close', update)
  remote.on('closed', update)
  window.addEventListener('offline', update)
  window.addEventListener('online', reconnect)
  let closed = false
  let wanted = false
  const setSync = (on: boolean) => {
    wanted = on
    if (!on && remote.shouldConnect) remote.disconnect()
    else if (on && localLoaded && !remote.shouldConnect && !closed) remote.connect()
    update()
  }
  // Connect once the local copy is loaded: the server then gets this device's state vector and
  // sends only what is missing, rather than the whole group at every page load (and nothing
  // arrives before the local store can keep it).
  void local.whenSynced.then(() => {
    localLoaded = true
    setLoaded(true)
    if (wanted && !remote.shouldConnect && !closed) remote.connect()
  })
  update()

  const close = () => {
    closed = true
    window.removeEventListener('offline', update)
    window.removeEventListener('online', reconnect)
    remote.destroy()
    // The local store keeps the edits made before its database opened and stores them once it
    // has; the document is destroyed only after that, so a group released at once loses nothing.
    const closeLocal = () => local.destroy().then(() => doc.destroy())
    return local.whenSynced.then(closeLocal, closeLocal)
  }
  return {
    connection: {
      groupId,
      doc,
      awareness: remote.awareness,
      status,
      loaded,
      synced,
      keptOnDevice,
      recovered,
      storedFirstScreen,
      keepFirstScreen: local.keepFirstScreen,
    },
    users: 0,
    syncing: 0,
    setSync,
    close,
  }
}

/**
 * Opens a document, or shares the one already open from the same database. Call `release` when
 * done: the last release closes the connection and the local store; its promise settles once
 * everything written on this device is stored. With `sync: false` it is only read and written
 * on this device, unless another user of the same document wants it synced.
 */
export function openDocument(
  place: DocumentPlace,
  { sync = true }: { sync?: boolean } = {},
): {
  connection: GroupConnection
  release: () => Promise<void>
} {
  const { databaseName } = place
  const entry = open.get(databaseName) ?? connect(place)
  open.set(databaseName, entry)
  entry.users += 1
  if (sync) entry.setSync(++entry.syncing > 0)
  let released = false
  const release = async () => {
    if (released) return
    released = true
    entry.users -= 1
    if (sync) entry.setSync(--entry.syncing > 0)
    if (entry.users === 0) {
      open.delete(databaseName)
      await entry.close()
    }
  }
  return { connection: entry.connection, release }
}

/** Opens a group's document, or shares the one already open (see {@link openDocument}). */
export function openGroup(
  groupId: string,
  key: string,
): { connection: GroupConnection; release: () => Promise<void> } {
  return openDocument({ groupId, key, databaseName: groupDatabaseName(groupId) })
}

/** Opens a document for the lifetime of the calling component or root. */
export function createDocumentConnection(place: DocumentPlace): GroupConnection {
  const { connection, release } = openDocument(place)
  onCleanup(() => void release())
  return connection
}

/** Opens a group for the lifetime of the calling component or root. */
export function createGroupConnection(groupId: string, key: string): GroupConnection {
  return createDocumentConnection({ groupId, key, databaseName: groupDatabaseName(groupId) })
}
