import type { JSX } from 'solid-js'
import { PlainHeader } from './PlainHeader'

/** A page that only has something to say: an invalid link, a group not joined here. */
export function Notice(props: { title: string; children: JSX.Element }) {
  return (
    <>
      <PlainHeader />
      <main class="notice">
        <h1>{props.title}</h1>
        {props.children}
      </main>
    </>
  )
}
