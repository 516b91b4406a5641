/**
 * The text a member pasted into the import dialog, kept until it is imported: closing the
 * dialog by mistake (Escape, a tap outside) or reloading the tab does not lose it. Kept in
 * sessionStorage, per group; a paste too large for it is kept in memory only.
 */

const PREFIX = 'margins:import-draft:'
/** Larger drafts (a big BibTeX file) stay in memory: storage quotas are a few MB. */
const MAX_STORED = 512 * 1024

const inMemory = new Map<string, string>()

/** The draft of the import into `groupId`, or '' when there is none. */
export function readImportDraft(groupId: string): string {
  const kept = inMemory.get(groupId)
  if (kept !== undefined) return kept
  try {
    return sessionStorage.getItem(PREFIX + groupId) ?? ''
  } catch {
    return ''
  }
}

/** Keeps `text` as the draft of the import into `groupId`; '' forgets it. */
export function saveImportDraft(groupId: string, text: string): void {
  inMemory.set(groupId, text)
  try {
    if (text === '' || text.length > MAX_STORED) sessionStorage.removeItem(PREFIX + groupId)
    else sessionStorage.setItem(PREFIX + groupId, text)
  } catch {
    // Storage full or disabled: the in-memory copy still survives closing the dialog.
  }
  if (text === '') inMemory.delete(groupId)
}
