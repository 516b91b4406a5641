/** What a first-time visitor sees: how to get into a group. */
export function Welcome() {
  return (
    <section class="welcome" aria-labelledby="welcome-heading">
      <h2 id="welcome-heading">Welcome to Margins</h2>
      <p>
        Margins is where your reading group keeps its papers, highlights and discussions, on and
        offline.
      </p>
      <p>
        To join a group, open the invite link a member shared with you. The group will then be
        listed here.
      </p>
    </section>
  )
}
