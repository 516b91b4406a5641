import { describe, expect, it, vi, beforeEach } from 'vitest'
import { render, waitFor } from '@solidjs/testing-library'
import { createSignal } from 'solid-js'
import { Markdown } from '../../client/markdown/Markdown'
import { renderMarkdown } from '../../client/markdown/render-markdown'
import { loadKatex } from '../../client/markdown/load-katex'

vi.mock('../../client/markdown/load-katex', { spy: true })

beforeEach(() => {
  vi.mocked(loadKatex).mockClear()
})

/** Every attribute of every element, as `name=value`, for looking for handlers and schemes. */
function allAttributes(root: Element): string[] {
  return [...root.querySelectorAll('*')].flatMap((el) =>
    [...el.attributes].map((attr) => `${attr.name}=${attr.value}`),
  )
}

function mount(source: string): HTMLElement {
  const { container } = render(() => <Markdown source={source} />)
  return container.querySelector<HTMLElement>('.markdown')!
}

async function mountTypeset(source: string): Promise<HTMLElement> {
  const root = mount(source)
  await waitFor(() => expect(root.querySelector('.math:not(.math-typeset)')).toBeNull())
  return root
}

describe('Markdown: hostile input stays inert', () => {
  it('shows raw HTML as text', () => {
    const root = mount('<img src=x onerror=alert(1)> and <script>alert(2)</script>')
    expect(root.querySelector('img, script')).toBeNull()
    expect(allAttributes(root).some((a) => a.startsWith('onerror'))).toBe(false)
    expect(root.textContent).toContain('<img src=x onerror=alert(1)>')
    expect(root.textContent).toContain('<script>alert(2)</script>')
  })

  it('shows an svg with a handler as text', () => {
    const root = mount('<svg onload=alert(1)><circle r=4 /></svg>')
    expect(root.querySelector('svg, circle')).toBeNull()
    expect(allAttributes(root).some((a) => a.startsWith('onload'))).toBe(false)
    expect(root.textContent).toContain('<svg onload=alert(1)>')
  })

  it.each([
    ['[x](javascript:alert(1))', 'x'],
    ['[x](JAVASCRIPT:alert(1))', 'x'],
    ['[x](jav&#x61;script:alert(1))', 'x'],
    ['[x](data:text/html,<script>alert(1)</script>)', 'x'],
    ['[x](vbscript:msgbox(1))', 'x'],
    ['<javascript:alert(1)>', 'alert(1)'],
    ['[x][r]\n\n[r]: javascript:alert(1)', 'x'],
  ])('keeps no link to %s, only its text', (source, kept) => {
    const root = mount(source)
    expect(root.querySelector('[href]')).toBeNull()
    expect(root.textContent).toContain(kept)
  })

  it('never loads a remote image, and drops data: images', () => {
    const root = mount('![t](https://tracker.example/p.png) ![d](data:image/png;base64,AAAA)')
    expect(root.querySelector('img')).toBeNull()
    const link = root.querySelector('a')!
    expect(link.getAttribute('href')).toBe('https://tracker.example/p.png')
    expect(link.textContent).toBe('Image: t')
    expect(root.querySelectorAll('a')).toHaveLength(1)
    expect(allAttributes(root).some((a) => a.includes('data:'))).toBe(false)
  })

  it('leaves no javascript: link after KaTeX renders \\href', async () => {
    const root = await mountTypeset(
      '$\\href{javascript:alert(1)}{x}$ and $\\url{javascript:alert(2)}$',
    )
    expect(root.querySelector('.katex')).not.toBeNull()
    expect(root.querySelector('a')).toBeNull()
    expect(allAttributes(root).some((a) => /javascript:/i.test(a))).toBe(false)
  })

  it('typesets no handler that TeX smuggles in', async () => {
    const root = await mountTypeset('$\\htmlData{onclick=alert(1)}{x}\\htmlStyle{color:red}{y}$')
    expect(allAttributes(root).some((a) => /^on|^data-/.test(a))).toBe(false)
  })
})

describe('Markdown: what members write', () => {
  it('renders emphasis, lists and code', () => {
    const root = mount(
      'Some *stress* and **more**.\n\n- one\n- two\n\n1. first\n\n`inline`\n\n```\nblock\n```',
    )
    expect(root.querySelector('em')?.textContent).toBe('stress')
    expect(root.querySelector('strong')?.textContent).toBe('more')
    expect(root.querySelectorAll('ul li')).toHaveLength(2)
    expect(root.querySelectorAll('ol li')).toHaveLength(1)
    expect(root.querySelector('p code')?.textContent).toBe('inline')
    expect(root.querySelector('pre code')?.textContent).toBe('block\n')
  })

  it('opens links in a new tab without referrer or ranking', () => {
    const root = mount(
      '[paper](https://arxiv.org/abs/1706.03762), https://example.org and <mailto:a@b.org>',
    )
    const links = [...root.querySelectorAll('a')]
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      'https://arxiv.org/abs/1706.03762',
      'https://example.org',
      'mailto:a@b.org',
    ])
    for (const link of links) {
      expect(link.getAttribute('target')).toBe('_blank')
      expect(link.getAttribute('rel')).toBe('noopener noreferrer nofollow ugc')
    }
  })

  it('wraps tables to scroll and aligns columns with classes, not styles', () => {
    const root = mount('| a | b |\n|---|--:|\n| 1 | 2 |')
    expect(root.querySelector('.markdown-scroll > table')).not.toBeNull()
    expect(root.querySelector('td.align-right')?.textContent).toBe('2')
    expect(root.querySelector('[style]')).toBeNull()
  })

  it('keeps dollar amounts as text', () => {
    expect(renderMarkdown('It costs $5 and $10.')).not.toContain('class="math')
    expect(renderMarkdown('A \\$ sign $x$')).toContain('<span class="math math-inline">x</span>')
  })

  it('typesets inline and display math with KaTeX once it has loaded', async () => {
    const root = await mountTypeset('Energy $E = mc^2$.\n\n$$\n\\sum_{i=1}^n i\n$$')
    expect(loadKatex).toHaveBeenCalled()
    expect(root.querySelector('.math-inline .katex')).not.toBeNull()
    expect(root.querySelector('.math-display .katex-display')).not.toBeNull()
    expect(root.querySelector('.math-display annotation')?.textContent).toBe('\\sum_{i=1}^n i')
  })

  it('shows a formula KaTeX cannot parse as its TeX, marked as an error, with no style', async () => {
    const root = await mountTypeset('$\\frac{1}{$ and $\\undefinedmacro$ and $x^2$')
    const errors = [...root.querySelectorAll('.math-error')].map((el) => el.textContent)
    expect(errors).toEqual(['\\frac{1}{', '\\undefinedmacro'])
    expect(root.querySelectorAll('.math-error .katex')).toHaveLength(0)
    // The CSP refuses style attributes written as text, which is how KaTeX draws its own errors.
    expect(root.querySelectorAll('.math-error[style], .math-error [style]')).toHaveLength(0)
    expect(root.querySelectorAll('.katex')).toHaveLength(1)
  })

  it('lets no TeX command set a style beyond what KaTeX itself lays out', async () => {
    const root = await mountTypeset('$\\htmlStyle{position:fixed;inset:0}{y}$')
    expect(allAttributes(root).some((a) => /position|inset/.test(a))).toBe(false)
  })

  it('never loads KaTeX for a note without math', () => {
    const root = mount('No math here, only $5.\n\n`$x$` is code.')
    expect(root.textContent).toContain('$x$')
    expect(loadKatex).not.toHaveBeenCalled()
  })

  it('renders again when the source changes', async () => {
    const [source, setSource] = createSignal('plain')
    const { container } = render(() => <Markdown source={source()} />)
    setSource('now $x^2$')
    await waitFor(() => expect(container.querySelector('.katex')).not.toBeNull())
    expect(container.textContent).not.toContain('plain')
  })
})
