import MarkdownIt from 'markdown-it'
import DOMPurify from 'dompurify'
import { mathRule } from './math-rule'

/** Only these link schemes survive, in markdown-it and again in DOMPurify. */
const SAFE_LINK = /^(?:https?:|mailto:)/i
const LINK_REL = 'noopener noreferrer nofollow ugc'

/** Everything markdown-it emits here, and nothing else (no img, no raw HTML). */
const ALLOWED_TAGS = [
  'p',
  'br',
  'hr',
  'em',
  'strong',
  's',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'a',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'div',
  'span',
]

const md = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false })
md.validateLink = (url) => SAFE_LINK.test(url.trim())
md.use(mathRule)

// Remote images would load from wherever a member points them (tracking pixels, IP leaks), so an
// image becomes a link to it, labelled by its alt text; a non-http(s) source fails validateLink
// above and never reaches this rule.
md.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx]
  if (!token) return ''
  const alt = md.utils.escapeHtml(self.renderInlineAsText(token.children ?? [], options, env))
  const src = md.utils.escapeHtml(String(token.attrGet('src') ?? ''))
  return `<a href="${src}" class="markdown-image-link">Image: ${alt || 'untitled'}</a>`
}

// Column alignment comes as a style attribute, which the CSP (style-src 'self') would block.
md.core.ruler.push('align_classes', (state) => {
  for (const token of state.tokens) {
    if (token.type !== 'th_open' && token.type !== 'td_open') continue
    const style = token.attrGet('style')
    if (typeof style !== 'string') continue
    token.attrs = (token.attrs ?? []).filter(([name]) => name !== 'style')
    const align = /text-align:(left|center|right)/.exec(style)?.[1]
    if (align) token.attrJoin('class', `align-${align}`)
  }
})

// Wide tables scroll inside their own box instead of widening the page on a phone.
md.renderer.rules.table_open = () => '<div class="markdown-scroll"><table>\n'
md.renderer.rules.table_close = () => '</table></div>\n'

let purifier: ReturnType<typeof DOMPurify> | undefined

/** Made on first use, so that importing this module touches no DOM. */
function getPurifier(): ReturnType<typeof DOMPurify> {
  if (purifier) return purifier
  purifier = DOMPurify(window)
  purifier.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName !== 'A') return
    const href = node.getAttribute('href')
    if (href === null || !SAFE_LINK.test(href)) {
      node.removeAttribute('href')
      return
    }
    node.setAttribute('target', '_blank')
    node.setAttribute('rel', LINK_REL)
  })
  return purifier
}

/**
 * A member's Markdown as sanitized HTML. markdown-it runs with raw HTML off and an allow-list of
 * link schemes; DOMPurify then checks its output again with an allow-list of tags, attributes
 * and URIs, so one layer failing does not make member text live. Math is left as escaped TeX in
 * `.math` placeholders for typesetMath().
 */
export function renderMarkdown(source: string): string {
  return getPurifier().sanitize(md.render(source), {
    ALLOWED_TAGS,
    ALLOWED_ATTR: ['href', 'title', 'class', 'start'],
    ALLOWED_URI_REGEXP: SAFE_LINK,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
  })
}
