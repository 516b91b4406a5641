import { describe, expect, it } from 'vitest'
import type { TextContent } from 'pdfjs-dist/types/src/display/api'
import { createPageTexts } from '../../client/data/pdf-page-texts'

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))
const content = (str: string) =>
  ({ items: [{ str, hasEOL: false }], styles: {}, lang: null }) as never

/** A `read` whose pages are read one at a time, each when the test says so. */
function slowPages() {
  const order: number[] = []
  let finish: (() => void) | undefined
  const read = (number: number) => {
    order.push(number)
    return new Promise<TextContent>((resolve) => {
      finish = () => resolve(content(`Page ${number}`))
    })
  }
  const next = async () => {
    finish?.()
    await settle()
  }
  return { read, order, next }
}

describe('reading the pages’ texts after the pages show', () => {
  it('reads the pages asked for first, then the others in order, once each', async () => {
    const pages = slowPages()
    const texts = createPageTexts(5, pages.read, () => true)
    expect(texts.all()).toEqual([undefined, undefined, undefined, undefined, undefined])
    // Page 1 is being read; page 4 comes into view, then the highlight asked for is on page 3.
    const fourth = texts.of(4)
    texts.want([3])
    for (let i = 0; i < 5; i++) await pages.next()
    expect(pages.order).toEqual([1, 3, 4, 2, 5])
    expect((await fourth).text.text).toBe('Page 4')
    expect(texts.all().map((text) => text?.text.text)).toEqual([
      'Page 1',
      'Page 2',
      'Page 3',
      'Page 4',
      'Page 5',
    ])
    // Known pages are not read again.
    expect((await texts.of(2)).text.text).toBe('Page 2')
    expect(pages.order).toHaveLength(5)
  })

  it('counts a page whose text cannot be read as read, with no text', async () => {
    const texts = createPageTexts(
      2,
      async (number) => {
        if (number === 1) throw new Error('broken page')
        return content('Page 2')
      },
      () => true,
    )
    await settle()
    await settle()
    expect(texts.all().map((text) => text?.text.text)).toEqual(['', 'Page 2'])
  })

  it('stops when the reader closes', async () => {
    const pages = slowPages()
    let alive = true
    const texts = createPageTexts(3, pages.read, () => alive)
    alive = false
    await pages.next()
    await pages.next()
    expect(pages.order).toEqual([1])
    expect(texts.all()).toEqual([undefined, undefined, undefined])
  })
})
