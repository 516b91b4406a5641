import { createSignal, onCleanup, type Accessor } from 'solid-js'

/** The IndexedDB database that keeps PDFs on this device, apart from the groups' documents. */
export const PDF_DATABASE = 'margins-pdfs'
/** The files, as Blobs keyed by SHA-256. */
const FILES = 'files'
/** What is kept and for whom, keyed by SHA-256: listed without reading any file. */
const KEPT = 'kept'
/** Tells lists in this tab that kept PDFs changed (other tabs learn it on their next read). */
const CHANGE_EVENT = 'margins:pdfs-changed'

/** A paper a kept PDF was kept for. */
export interface PdfOwner {
  groupId: string
  paperId: string
  /** The paper's title when it was kept, for lists that have no group document open. */
  title: string
}

/** A PDF kept on this device. */
export interface KeptPdf {
  sha256: string
  /** In bytes. */
  size: number
  /** The papers it was kept for (one file can be the PDF of papers of several groups). */
  owners: PdfOwner[]
  keptAt: number
}

let opening: Promise<IDBDatabase> | undefined

function open(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(PDF_DATABASE, 1)
    request.onupgradeneeded = () => {
      request.result.createObjectStore(FILES)
      request.result.createObjectStore(KEPT, { keyPath: 'sha256' })
    }
    request.onsuccess = () => {
      const db = request.result
      // Another tab deleting or upgrading the database: open again on the next call.
      db.onversionchange = () => {
        db.close()
        opening = undefined
      }
      resolve(db)
    }
    request.onerror = () => reject(request.error ?? new Error('IndexedDB did not open'))
    request.onblocked = () => reject(new Error('The PDF store is blocked by another tab'))
  }).catch((error: unknown) => {
    opening = undefined
    throw error
  })
  return opening
}

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'))
  })
}

function committed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve()
    tx.onabort = tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'))
  })
}

function changed(): void {
  window.dispatchEvent(new Event(CHANGE_EVENT))
}

const sameOwner = (a: PdfOwner, b: PdfOwner) => a.groupId === b.groupId && a.paperId === b.paperId

/**
 * Keeps `file` (the PDF whose SHA-256 is `sha256`) on this device for `owner`, as that paper's
 * PDF: a file kept for the paper before (its PDF was replaced by another) is no longer kept for
 * it, and is freed when no other paper, of any group, keeps it.
 */
export async function keepPdfFile(sha256: string, file: Blob, owner: PdfOwner): Promise<void> {
  const db = await open()
  const tx = db.transaction([FILES, KEPT], 'readwrite')
  const kept = tx.objectStore(KEPT)
  const all = (await done(kept.getAll())) as KeptPdf[]
  for (const older of all) {
    if (older.sha256 === sha256 || !older.owners.some((other) => sameOwner(other, owner))) continue
    const owners = older.owners.filter((other) => !sameOwner(other, owner))
    if (owners.length > 0) kept.put({ ...older, owners })
    else {
      kept.delete(older.sha256)
      tx.objectStore(FILES).delete(older.sha256)
    }
  }
  const seen = all.find((pdf) => pdf.sha256 === sha256)
  const owners = (seen?.owners ?? []).filter((other) => !sameOwner(other, owner))
  tx.objectStore(FILES).put(file, sha256)
  kept.put({ sha256, size: file.size, owners: [...owners, owner], keptAt: Date.now() })
  await committed(tx)
  changed()
}

/** The kept file named `sha256`, or undefined. */
export async function keptPdfFile(sha256: string): Promise<Blob | undefined> {
  const db = await open()
  return (await done(db.transaction(FILES).objectStore(FILES).get(sha256))) as Blob | undefined
}

/** Every PDF kept on this device, largest first. */
export async function listKeptPdfs(): Promise<KeptPdf[]> {
  const db = await open()
  const all = (await done(db.transaction(KEPT).objectStore(KEPT).getAll())) as KeptPdf[]
  return all.sort((a, b) => b.size - a.size || a.sha256.localeCompare(b.sha256))
}

/** Frees the space of the kept PDFs named (all of them when `sha256s` is undefined). */
export async function freeKeptPdfs(sha256s?: readonly string[]): Promise<void> {
  const db = await open()
  const tx = db.transaction([FILES, KEPT], 'readwrite')
  if (sha256s === undefined) {
    tx.objectStore(FILES).clear()
    tx.objectStore(KEPT).clear()
  } else {
    for (const sha256 of sha256s) {
      tx.objectStore(FILES).delete(sha256)
      tx.objectStore(KEPT).delete(sha256)
    }
  }
  await committed(tx)
  changed()
}

/**
 * Forgets what was kept for a group's papers (the member left it): a file kept for no other
 * group's paper is freed.
 */
export async function forgetGroupPdfs(groupId: string): Promise<void> {
  const db = await open()
  const tx = db.transaction([FILES, KEPT], 'readwrite')
  const kept = tx.objectStore(KEPT)
  for (const pdf of (await done(kept.getAll())) as KeptPdf[]) {
    const owners = pdf.owners.filter((owner) => owner.groupId !== groupId)
    if (owners.length === pdf.owners.length) continue
    if (owners.length > 0) {
      kept.put({ ...pdf, owners })
      continue
    }
    kept.delete(pdf.sha256)
    tx.objectStore(FILES).delete(pdf.sha256)
  }
  await committed(tx)
  changed()
}

/** The kept PDFs for the lifetime of the calling owner, following changes made in this tab. */
export interface KeptPdfs {
  /** Undefined until first read. */
  readonly list: Accessor<KeptPdf[] | undefined>
  /** The kept PDF named `sha256`, or undefined. */
  find(sha256: string): KeptPdf | undefined
  /** Why the list could not be read (storage blocked), or undefined. */
  readonly problem: Accessor<string | undefined>
}

/** Follows the PDFs kept on this device. */
export function createKeptPdfs(): KeptPdfs {
  const [list, setList] = createSignal<KeptPdf[]>()
  const [problem, setProblem] = createSignal<string>()
  let alive = true
  const read = () =>
    listKeptPdfs().then(
      (kept) => {
        if (!alive) return
        setList(kept)
        setProblem(undefined)
      },
      () => {
        if (!alive) return
        setList([])
        setProblem('This browser does not let Margins keep PDFs on this device.')
      },
    )
  void read()
  window.addEventListener(CHANGE_EVENT, read)
  // Another tab may have kept or freed some meanwhile.
  window.addEventListener('focus', read)
  onCleanup(() => {
    alive = false
    window.removeEventListener(CHANGE_EVENT, read)
    window.removeEventListener('focus', read)
  })
  return {
    list,
    problem,
    find: (sha256) => list()?.find((kept) => kept.sha256 === sha256),
  }
}
