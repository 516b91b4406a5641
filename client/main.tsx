import { render } from 'solid-js/web'
import { App } from './app/App'
import { readGroupAhead } from './data/read-ahead'
import './styles.css'

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
// This device's copy of the group opens and is read while the app renders its first frame.
readGroupAhead()
// The app renders in the task after its code was evaluated, not in the same one: two shorter
// tasks, between which the browser may paint and answer input. Meanwhile index.html's static
// shell shows; it goes in the same task as the app renders, so there is never a blank frame.
setTimeout(() => {
  root.replaceChildren()
  render(() => <App />, root)
}, 0)
