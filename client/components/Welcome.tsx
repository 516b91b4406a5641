import type { JSX } from 'solid-js'

/** What a visitor with no group sees: what Margins is, and how to get into a group. */
export function Welcome(props: { children?: JSX.Element }) {
  return (
    <section class="welcome" aria-labelledby="welcome-heading">
      <h1 id="welcome-heading">Welcome to Margins</h1>
      <p>
        Margins is where your reading group keeps its papers, highlights and discussions, on and
        offline.
      </p>
      {props.children}
      <h2>Get into a group</h2>
      <p>
        To join a group, open the invite link a member shared with you: the group will then be
        listed here. Or start a group of your own and invite others.
      </p>
      <p>
        <a class="button-link" href="#new">
          New group
        </a>
      </p>
    </section>
  )
}
