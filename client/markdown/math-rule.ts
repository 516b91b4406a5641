/**
 * `$...$` and `$$...$$` for markdown-it. The maintained plugins either declare markdown-it ^14 or
 * older as their peer (@mdit/plugin-tex 0.24, markdown-it-dollarmath 0.5, so npm refuses them next
 * to markdown-it 15) or call KaTeX synchronously while rendering, which would load it for every
 * note. This rule only marks the math: it emits the TeX as escaped text in a placeholder that
 * typesetMath() fills with KaTeX later, and only when a note has any.
 *
 * Delimiters follow Pandoc: an opening `$` has a non-space after it, a closing `$` has a
 * non-space before it and no digit after it, so "$5 and $10" stays text; `\$` is a dollar.
 */
import type { MarkdownIt, StateBlock, StateInline, Token } from 'markdown-it'

const DOLLAR = 0x24
const BACKSLASH = 0x5c

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39
}

/** The index of the `$` closing an inline span opened just before `from`, or -1. */
function findInlineClose(src: string, from: number, max: number): number {
  for (let pos = from; pos < max; pos++) {
    const code = src.charCodeAt(pos)
    if (code === BACKSLASH) {
      pos++
      continue
    }
    if (code !== DOLLAR) continue
    if (isSpace(src.charCodeAt(pos - 1))) continue
    if (pos + 1 < max && isDigit(src.charCodeAt(pos + 1))) continue
    return pos
  }
  return -1
}

function mathInline(state: StateInline, silent: boolean): boolean {
  const { src, pos, posMax } = state
  if (src.charCodeAt(pos) !== DOLLAR) return false

  if (src.charCodeAt(pos + 1) === DOLLAR) {
    const end = src.indexOf('$$', pos + 2)
    if (end < 0 || end === pos + 2 || end + 2 > posMax) return false
    if (!silent) {
      const token = state.push('math_inline_display', 'span', 0)
      token.markup = '$$'
      token.content = src.slice(pos + 2, end)
    }
    state.pos = end + 2
    return true
  }

  if (pos + 1 >= posMax || isSpace(src.charCodeAt(pos + 1))) return false
  const end = findInlineClose(src, pos + 1, posMax)
  if (end < 0) return false
  if (!silent) {
    const token = state.push('math_inline', 'span', 0)
    token.markup = '$'
    token.content = src.slice(pos + 1, end)
  }
  state.pos = end + 1
  return true
}

/** One source line of a block: where its text starts (after indent) and ends, and its indent. */
function lineAt(state: StateBlock, line: number) {
  return {
    start: (state.bMarks[line] ?? 0) + (state.tShift[line] ?? 0),
    end: state.eMarks[line] ?? 0,
    indent: state.sCount[line] ?? 0,
  }
}

function mathBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean) {
  const first = lineAt(state, startLine)
  // Four spaces of indent make a code block, as everywhere else in Markdown.
  if (first.indent - state.blkIndent >= 4) return false
  if (!state.src.startsWith('$$', first.start)) return false

  const firstLine = state.src.slice(first.start + 2, first.end)
  let content: string
  let lastLine = startLine
  if (firstLine.trimEnd().endsWith('$$')) {
    content = firstLine.trimEnd().slice(0, -2)
  } else {
    const lines = [firstLine]
    let closed = false
    while (++lastLine < endLine) {
      const next = lineAt(state, lastLine)
      // Dedenting past the block's indent leaves the list or quote the math was in.
      if (next.indent < state.blkIndent && !state.isEmpty(lastLine)) break
      const line = state.src.slice(next.start, next.end)
      const trimmed = line.trimEnd()
      if (trimmed.endsWith('$$')) {
        lines.push(trimmed.slice(0, -2))
        closed = true
        break
      }
      lines.push(line)
    }
    if (!closed) return false
    content = lines.join('\n')
  }
  if (!content.trim()) return false
  if (silent) return true

  state.line = lastLine + 1
  const token = state.push('math_block', 'div', 0)
  token.block = true
  token.content = content.trim()
  token.markup = '$$'
  token.map = [startLine, state.line]
  return true
}

function placeholder(tag: 'span' | 'div', display: boolean) {
  return (tokens: Token[], idx: number) => {
    const kind = display ? 'math-display' : 'math-inline'
    const tex = escapeHtml(tokens[idx]?.content.trim() ?? '')
    return `<${tag} class="math ${kind}">${tex}</${tag}>${tag === 'div' ? '\n' : ''}`
  }
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

/** Adds the math rules to a markdown-it instance. */
export function mathRule(md: MarkdownIt): void {
  md.inline.ruler.after('escape', 'math_inline', mathInline)
  md.block.ruler.before('fence', 'math_block', mathBlock, {
    alt: ['paragraph', 'reference', 'blockquote', 'list'],
  })
  md.renderer.rules.math_inline = placeholder('span', false)
  md.renderer.rules.math_inline_display = placeholder('span', true)
  md.renderer.rules.math_block = placeholder('div', true)
}
