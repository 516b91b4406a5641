import type { TextPositionSelector } from '../../shared/model'
import { wholeCharacters } from '../../shared/anchoring/whole-characters'

/**
 * The attribute of an element inside a text whose own text is not part of it (a label for
 * screen readers): offsets skip it, so they stay offsets into the stored text.
 */
export const OFFSET_IGNORE = 'data-offset-ignore'

function countedTexts(root: Node): Text[] {
  const document = root.ownerDocument ?? (root as Document)
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
  const texts: Text[] = []
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement?.closest(`[${OFFSET_IGNORE}]`)) texts.push(node as Text)
  }
  return texts
}

/** The text that offsets count, which is the stored text the element renders. */
export function countedText(root: Node): string {
  return countedTexts(root)
    .map((text) => text.data)
    .join('')
}

/** A boundary point inside an ignored element, moved to just before that element. */
function outsideIgnored(root: Node, node: Node, offset: number): [Node, number] {
  const element = node instanceof Element ? node : node.parentElement
  const ignored = element?.closest(`[${OFFSET_IGNORE}]`)
  if (!ignored || !root.contains(ignored) || !ignored.parentNode) return [node, offset]
  return [ignored.parentNode, Array.prototype.indexOf.call(ignored.parentNode.childNodes, ignored)]
}

function offsetOf(root: Node, texts: readonly Text[], node: Node, offset: number): number {
  const [container, at] = outsideIgnored(root, node, offset)
  const point = (root.ownerDocument ?? (root as Document)).createRange()
  point.setStart(container, at)
  let sum = 0
  for (const text of texts) {
    if (text === container) return sum + Math.min(at, text.length)
    if (point.comparePoint(text, text.length) > 0) break
    sum += text.length
  }
  return sum
}

/**
 * Where a DOM range lies in the text rendered inside `root`, as UTF-16 offsets into that text:
 * clipped to `root`, trimmed of whitespace at both ends, and widened to whole characters.
 * Undefined when the range selects none of that text.
 */
export function selectionOffsets(root: Node, range: Range): TextPositionSelector | undefined {
  if (!range.intersectsNode(root)) return undefined
  const texts = countedTexts(root)
  const text = texts.map((t) => t.data).join('')
  const inside = (node: Node) => node === root || root.contains(node)
  let start = inside(range.startContainer)
    ? offsetOf(root, texts, range.startContainer, range.startOffset)
    : 0
  let end = inside(range.endContainer)
    ? offsetOf(root, texts, range.endContainer, range.endOffset)
    : text.length
  while (start < end && /\s/.test(text.charAt(start))) start++
  while (end > start && /\s/.test(text.charAt(end - 1))) end--
  if (start >= end) return undefined
  return wholeCharacters(text, start, end)
}
