import { createSignal, onCleanup, onMount } from 'solid-js'

/**
 * What the reader measures of its layout, following resizes and scrolling: the pages' column
 * width (0 until measured), the heights of the group's sticky header and of the reader's
 * toolbar, and the page in view (the last whose top is above 40% of the window).
 */
export function createReaderLayout(parts: {
  column: () => HTMLElement
  toolbar: () => HTMLElement
  pages: readonly HTMLElement[]
}) {
  const [room, setRoom] = createSignal(0)
  const [header, setHeader] = createSignal(0)
  const [tools, setTools] = createSignal(0)
  const [current, setCurrent] = createSignal(1)

  onMount(() => {
    const appHeader = document.querySelector('.app-header')
    const observer = new ResizeObserver(() => {
      setRoom(parts.column().clientWidth)
      // On a phone the header scrolls away (styles.css): the toolbar then sticks at the top.
      const sticks = appHeader && getComputedStyle(appHeader).position === 'sticky'
      setHeader(sticks ? appHeader.getBoundingClientRect().height : 0)
      setTools(parts.toolbar().getBoundingClientRect().height)
    })
    observer.observe(parts.column())
    observer.observe(parts.toolbar())
    if (appHeader) observer.observe(appHeader)
    let queued = false
    const onScroll = () => {
      if (queued) return
      queued = true
      requestAnimationFrame(() => {
        queued = false
        const line = window.innerHeight * 0.4
        let page = 1
        parts.pages.forEach((element, index) => {
          if (element.getBoundingClientRect().top <= line) page = index + 1
        })
        setCurrent(page)
      })
    }
    window.addEventListener('scroll', onScroll, { passive: true })
    onCleanup(() => {
      observer.disconnect()
      window.removeEventListener('scroll', onScroll)
    })
  })
  return { room, header, tools, current }
}
