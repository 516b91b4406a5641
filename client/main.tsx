// Imported here, not with `import()`: a dynamic import keeps every export of solid-js/web.
import { render } from 'solid-js/web'
import './styles.css'

/** Resolves in a later task, so that the browser may paint and answer input in between. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

/**
 * The app's code is evaluated in three tasks instead of one long one, and rendered in a fourth:
 * the data layer first (which starts reading this device's copy of the group from IndexedDB while
 * the rest runs), then the library's code, then the rest of the app's. Between tasks the browser
 * may paint and answer input. index.html preloads every part (see vite.config.ts), so nothing
 * waits for the network; meanwhile its static shell shows, and it is replaced in the task the app
 * renders in, so there is never a blank frame.
 */
async function start(root: HTMLElement): Promise<void> {
  const { readGroupAhead } = await import('./data/read-ahead')
  readGroupAhead()
  await nextTask()
  // The library is about half of the app's code, and the page most often opened first.
  await import('./pages/LibraryPage')
  await nextTask()
  const { App } = await import('./app/App')
  await nextTask()
  root.replaceChildren()
  render(App, root)
}

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
void start(root)
