import type { JSX } from 'solid-js'

/** A page that only has something to say: an invalid link, a group not joined here. */
export function Notice(props: { title: string; children: JSX.Element }) {
  return (
    <>
      <header class="app-header">
        <a class="home-link" href="#">
          Margins
        </a>
      </header>
      <main class="notice">
        <h1>{props.title}</h1>
        {props.children}
      </main>
    </>
  )
}
