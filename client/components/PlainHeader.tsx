/** The header of a page outside any group: just the way home. */
export function PlainHeader() {
  return (
    <header class="app-header">
      <a class="home-link" href="#">
        Margins
      </a>
    </header>
  )
}
