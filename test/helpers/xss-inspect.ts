import type { BrowserContext, Page } from 'playwright-core'

/** What one look at a page found. */
export interface PageInspection {
  /** Everything that shows a payload was live: each a short description. */
  problems: string[]
  /**
   * Inline styles the CSP blocked on KaTeX's own error spans (a formula it cannot parse is shown
   * in its error colour through a style attribute): no member CSS, but no colour either.
   */
  katexErrors: number
  /**
   * The text the page shows: its rendered text with every `<details>` opened, plus the values of
   * text fields and the labels of select options (member text shown inside form controls).
   */
  text: string
}

/**
 * Records, on every page of `context`, the Content-Security-Policy violations (an inline
 * handler, script or style that the CSP had to block is markup that a payload got into the
 * page) and whether a payload ran (`window.__xss`). Dialogs are dismissed and recorded in
 * `dialogs`.
 */
export async function watchForXss(context: BrowserContext, dialogs: string[]): Promise<void> {
  await context.addInitScript(() => {
    const scope = window as unknown as { __violations: string[] }
    scope.__violations = []
    document.addEventListener('securitypolicyviolation', (event) => {
      scope.__violations.push(
        `CSP blocked ${event.effectiveDirective} ${event.blockedURI} ${event.sample}`.trim(),
      )
    })
  })
  context.on('page', (page) => watchDialogs(page, dialogs))
  for (const page of context.pages()) watchDialogs(page, dialogs)
}

function watchDialogs(page: Page, dialogs: string[]): void {
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()} "${dialog.message()}" on ${page.url()}`)
    void dialog.dismiss().catch(() => undefined)
  })
}

/**
 * Looks at the page as it is now for anything a payload made live: a set `window.__xss`, a CSP
 * violation, an element with an `on*` attribute, a script, frame, object, embed, base, meta
 * refresh, form action or style element the app does not make, a link or source with a
 * `javascript:`, `vbscript:` or `data:` URL, a new-window link without `noopener`, a style
 * attribute carrying CSS a payload wrote (`url(`, `expression(`), or payload code (`alert(`,
 * `__xss`) in any attribute other than the text-carrying ones (title, alt, aria-*, value…).
 */
export function inspectPage(page: Page): Promise<PageInspection> {
  return page.evaluate(async () => {
    const problems: string[] = []
    const scope = window as unknown as { __xss?: unknown; __violations?: string[] }
    if (scope.__xss !== undefined) problems.push(`window.__xss = ${String(scope.__xss)}`)
    // KaTeX sets `style="color:…"` with setAttribute on the span of a formula it cannot parse:
    // that many blocked inline styles are KaTeX's, and any more are markup a payload made.
    const violations = scope.__violations ?? []
    const errorSpans = document.querySelectorAll('.katex-error').length
    const styles = violations.filter(
      (violation) => violation === 'CSP blocked style-src-attr inline',
    )
    const katexErrors = Math.min(styles.length, errorSpans)
    let forgiven = katexErrors
    for (const violation of violations) {
      if (violation === 'CSP blocked style-src-attr inline' && forgiven > 0) forgiven -= 1
      else problems.push(violation)
    }
    violations.length = 0

    const describe = (element: Element) => {
      const html = element.outerHTML
      return html.length > 160 ? `${html.slice(0, 160)}…` : html
    }
    const URL_ATTRIBUTES = new Set([
      'href',
      'src',
      'action',
      'formaction',
      'xlink:href',
      'data',
      'poster',
      'background',
      'ping',
      'srcset',
      'codebase',
      'cite',
      'longdesc',
      'manifest',
    ])
    // Attributes that carry member text as text: setAttribute makes it inert there. Ids are among
    // them: the app derives element ids from paper ids, which a replica may fill with markup.
    const TEXT_ATTRIBUTES =
      /^(title|alt|value|placeholder|label|id|for|headers|aria-[a-z]+|data-[a-z-]+)$/
    const PAYLOAD_CODE = /alert\(|__xss|evil\.invalid|javascript:|vbscript:/i
    const ownScript = (script: HTMLScriptElement) =>
      script.src !== '' &&
      new URL(script.src).origin === location.origin &&
      script.textContent?.trim() === ''

    for (const element of document.querySelectorAll('*')) {
      const tag = element.localName
      if (
        ['iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'portal'].includes(tag)
      ) {
        problems.push(`<${tag}> element: ${describe(element)}`)
      }
      if (tag === 'script' && !ownScript(element as HTMLScriptElement)) {
        problems.push(`script not of the app: ${describe(element)}`)
      }
      if (tag === 'meta' && element.hasAttribute('http-equiv')) {
        const equiv = element.getAttribute('http-equiv')?.toLowerCase()
        if (equiv !== 'content-security-policy' || element.closest('body')) {
          problems.push(`meta http-equiv: ${describe(element)}`)
        }
      }
      if (tag === 'style' && element.closest('body')) {
        problems.push(`<style> in the body: ${describe(element)}`)
      }
      if (tag === 'link' && element.closest('body')) {
        problems.push(`<link> in the body: ${describe(element)}`)
      }
      for (const attribute of element.attributes) {
        const name = attribute.name.toLowerCase()
        const value = attribute.value
        if (name.startsWith('on')) problems.push(`${name} attribute: ${describe(element)}`)
        if (name === 'srcdoc') problems.push(`srcdoc attribute: ${describe(element)}`)
        if (URL_ATTRIBUTES.has(name)) {
          // Browsers drop ASCII whitespace and controls inside a scheme: so does this check.
          const bare = [...value]
            .filter((character) => character.charCodeAt(0) > 32)
            .join('')
            .toLowerCase()
          if (/^(javascript|vbscript|data|livescript):/.test(bare)) {
            problems.push(`${name}="${value.slice(0, 60)}": ${describe(element)}`)
          }
        }
        if (
          name === 'style' &&
          /url\(|expression\(|@import|behavior|binding|zq[a-z]{2,3}\d\dq/i.test(value)
        ) {
          problems.push(`style="${value.slice(0, 80)}": ${describe(element)}`)
        }
        // Inside a URL (an https link to a paper, a DOI) payload code is only a path.
        const other = !TEXT_ATTRIBUTES.test(name) && !URL_ATTRIBUTES.has(name) && name !== 'style'
        if (other && PAYLOAD_CODE.test(value)) {
          problems.push(`payload code in ${name}: ${describe(element)}`)
        }
      }
      if (element instanceof HTMLAnchorElement && element.hasAttribute('href')) {
        const href = element.getAttribute('href') ?? ''
        if (!href.startsWith('#') && !['http:', 'https:', 'mailto:'].includes(element.protocol)) {
          problems.push(`link to ${element.protocol}: ${describe(element)}`)
        }
        if (element.target === '_blank' && !/\bnoopener\b/.test(element.rel)) {
          problems.push(`new-window link without noopener: ${describe(element)}`)
        }
      }
      if (
        element instanceof HTMLImageElement &&
        new URL(element.src, location.href).origin !== location.origin
      ) {
        problems.push(`image from elsewhere: ${describe(element)}`)
      }
    }

    // Closed <details> keep their content out of the rendered text: open them to read it.
    const closed = [...document.querySelectorAll('details')].filter((details) => !details.open)
    for (const details of closed) details.open = true
    await new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)))
    const fields = [
      ...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea'),
    ].map((field) => field.value)
    const options = [...document.querySelectorAll('option')].map((option) => option.textContent)
    const text = [document.title, document.body.innerText, ...fields, ...options].join('\n')
    for (const details of closed) details.open = false
    return { problems, katexErrors, text }
  })
}

/** Every payload marker (see test/fixtures/xss-payloads.ts) in `text`. */
export function markersIn(text: string): Set<string> {
  return new Set(text.match(/zq[a-z]{2,3}\d\dq/g) ?? [])
}

/**
 * {@link inspectPage} at each screenful of a long page, top to bottom: a window-virtualized list
 * (the library's feed) renders only the cards near the screen.
 */
export async function inspectScrolling(page: Page): Promise<PageInspection> {
  const problems = new Set<string>()
  const texts: string[] = []
  let katexErrors = 0
  for (let top = 0; ;) {
    await page.evaluate((y) => window.scrollTo(0, y), top)
    // Two frames: the virtualizer measures on scroll, then renders the cards it now needs.
    await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
    )
    const found = await inspectPage(page)
    found.problems.forEach((problem) => problems.add(problem))
    texts.push(found.text)
    katexErrors += found.katexErrors
    const { height, bottom } = await page.evaluate(() => ({
      height: document.documentElement.scrollHeight,
      bottom: window.scrollY + window.innerHeight,
    }))
    if (bottom >= height) break
    top = bottom - 200
  }
  await page.evaluate(() => window.scrollTo(0, 0))
  return { problems: [...problems], katexErrors, text: texts.join('\n') }
}
