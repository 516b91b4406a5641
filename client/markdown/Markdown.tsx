import { createEffect } from 'solid-js'
import { renderMarkdown } from './render-markdown'
import { loadKatex } from './load-katex'
import '../styles/markdown.css'

/**
 * A member's note or comment, rendered from Markdown. This is the one place where member text
 * reaches innerHTML: renderMarkdown() has already passed it through markdown-it without raw HTML
 * and through DOMPurify with an allow-list, which is what makes that safe. Math is typeset once
 * KaTeX has loaded, and KaTeX is loaded only for a note that has math.
 */
export function Markdown(props: { source: string }) {
  let root!: HTMLDivElement
  createEffect(() => {
    const html = renderMarkdown(props.source)
    root.innerHTML = html
    if (!root.querySelector('.math')) return
    const rendered = root.firstChild
    loadKatex().then(
      (typesetMath) => {
        // If the note changed while KaTeX loaded, the newer render typesets its own math.
        if (root.firstChild === rendered) typesetMath(root)
      },
      // Offline before KaTeX was cached: the TeX stays readable as typed.
      () => undefined,
    )
  })
  return <div class="markdown" ref={root} />
}
