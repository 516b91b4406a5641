import katex from 'katex'
import DOMPurify from 'dompurify'
import 'katex/dist/katex.min.css'

const OPTIONS = {
  // \href, \url, \includegraphics, \htmlClass, \htmlStyle and friends stay off whatever a
  // member writes (KaTeX shows them as unsupported commands). \color takes only a colour name or
  // hex value, set through CSSOM as all of KaTeX's own styles are.
  trust: false,
  // KaTeX draws a formula it cannot parse with setAttribute('style'), which the CSP refuses:
  // catch the error and show the TeX instead. `strict` only decides whether LaTeX-incompatible
  // input warns or fails; nothing it allows sets a style attribute.
  throwOnError: true,
  strict: 'ignore',
  // Bounds on what one formula may cost: a size in em, and macro expansions (\def bombs).
  maxSize: 50,
  maxExpand: 200,
  output: 'htmlAndMathml',
} as const

const SANITIZE = {
  IN_PLACE: true,
  // KaTeX's MathML wraps the formula with its TeX source for screen readers and copying.
  ADD_TAGS: ['semantics', 'annotation'],
  ADD_ATTR: ['encoding'],
  FORBID_TAGS: ['a', 'style', 'img', 'image', 'use', 'foreignObject'],
  FORBID_ATTR: ['href', 'xlink:href', 'src', 'action', 'formaction'],
  ALLOW_DATA_ATTR: false,
}

const purifier = DOMPurify(window)

/**
 * Fills the `.math` placeholders under `root` with KaTeX. KaTeX builds the DOM itself
 * (katex.render sets styles through CSSOM, which the CSP allows, where its HTML string form would
 * need inline style attributes); the result is still put through DOMPurify in place, with links
 * forbidden, before it replaces the placeholder's text, so the guarantees of renderMarkdown hold.
 */
export function typesetMath(root: HTMLElement): void {
  for (const placeholder of root.querySelectorAll<HTMLElement>('.math:not(.math-typeset)')) {
    const out = document.createElement('span')
    try {
      katex.render(placeholder.textContent ?? '', out, {
        ...OPTIONS,
        displayMode: placeholder.classList.contains('math-display'),
      })
      purifier.sanitize(out, SANITIZE)
    } catch (error) {
      // A formula that does not parse keeps its TeX, marked as an error, with KaTeX's reason.
      // Anything else leaves the TeX showing as typed, for the next render to try again.
      if (error instanceof katex.ParseError) {
        placeholder.title = error.message
        placeholder.classList.add('math-error', 'math-typeset')
      }
      continue
    }
    placeholder.replaceChildren(...out.childNodes)
    placeholder.classList.add('math-typeset')
  }
}
