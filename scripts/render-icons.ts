/**
 * `npx tsx scripts/render-icons.ts`: renders the app icons in client/public/ from their SVG
 * sources with headless Chromium. Run it after changing client/public/favicon.svg (the icon
 * itself) or scripts/icons/maskable.svg (the same mark on a full-bleed square, inside the
 * central 80% that any mask keeps); the PNGs are committed, so builds do not need a browser.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { launchBrowser } from '../test/helpers/browser'

const root = resolve(import.meta.dirname, '..')
const publicDir = join(root, 'client', 'public')

/** Output file, source SVG and edge length in pixels. */
const ICONS: readonly (readonly [string, string, number])[] = [
  ['icon-192.png', join(publicDir, 'favicon.svg'), 192],
  ['icon-512.png', join(publicDir, 'favicon.svg'), 512],
  ['icon-maskable-512.png', join(root, 'scripts', 'icons', 'maskable.svg'), 512],
  // iOS rounds the corners itself and shows transparency as black: the full-bleed variant.
  ['apple-touch-icon.png', join(root, 'scripts', 'icons', 'maskable.svg'), 180],
]

async function main(): Promise<void> {
  const browser = await launchBrowser()
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 })
    for (const [name, source, size] of ICONS) {
      const svg = await readFile(source)
      const src = `data:image/svg+xml;base64,${svg.toString('base64')}`
      await page.setViewportSize({ width: size, height: size })
      await page.setContent(
        `<body style="margin:0"><img src="${src}" width="${size}" height="${size}"></body>`,
      )
      await page.locator('img').evaluate((img: HTMLImageElement) => img.decode())
      const png = await page.screenshot({ omitBackground: true, type: 'png' })
      await writeFile(join(publicDir, name), png)
      console.log(`${name} ${size}x${size} (${png.length} bytes)`)
    }
  } finally {
    await browser.close()
  }
}

await main()
