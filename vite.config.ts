import { readFile, readdir } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, extname, join } from 'node:path'
import { defineConfig } from 'vitest/config'
import type { Plugin } from 'vite'
import solid from 'vite-plugin-solid'
import { VitePWA } from 'vite-plugin-pwa'
import { compression, defineAlgorithm } from 'vite-plugin-compression2'

/** Light-mode colours of client/styles.css: the header (--surface) and the page (--bg). */
const SURFACE = '#ffffff'
const BACKGROUND = '#f7f7f5'

/**
 * The service worker precaches the whole build, so the app opens offline after one visit, and
 * waits for the member to accept an update (registerType 'prompt', see client/pwa/). The
 * browser uses the woff2 of each KaTeX font, so the woff and ttf copies are left out.
 */
const pwa = VitePWA({
  strategies: 'generateSW',
  registerType: 'prompt',
  // client/pwa/register-service-worker.ts registers it, with workbox-window.
  injectRegister: false,
  // Vitest sets NODE_ENV=test, which would ship Workbox's development build.
  mode: 'production',
  // The icons are precached with the rest of the build (globPatterns), so not a second time.
  includeManifestIcons: false,
  manifest: {
    id: '/',
    name: 'Margins',
    short_name: 'Margins',
    description: 'A local-first reading group for research papers',
    lang: 'en',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    theme_color: SURFACE,
    background_color: BACKGROUND,
    icons: [
      { src: '/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      { src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
    ],
  },
  workbox: {
    // pdf.js's worker (an .mjs) and the files it fetches (fonts, CMaps, decoders, with their
    // licences) are what the PDF reader needs offline.
    globPatterns: ['**/*.{html,js,mjs,css,woff2,svg,png,webp,ico}', 'pdfjs/**/*'],
    // Not the compressed copies (precompress, below), which the server sends in their place.
    globIgnores: ['**/*.{br,gz}'],
    navigateFallback: 'index.html',
    // Never the app shell for the server's own endpoints (they are not navigations anyway,
    // but a member may open /healthz in a tab).
    navigateFallbackDenylist: [/^\/(sync|api)(\/|\?|$)/, /^\/(healthz|metrics)(\?|$)/],
    cleanupOutdatedCaches: true,
    // Takes the page on the first visit; an update waits for the member (see UpdatePrompt).
    clientsClaim: true,
    skipWaiting: false,
  },
})

/**
 * A Brotli (`.br`) and a gzip (`.gz`) copy of every text file of the build, at the highest
 * levels, which the server's static handler (sirv, server/static-app.ts) sends to browsers that
 * accept them: the first screen's code travels at about a third of its size, with no work per
 * request. The copies are not precached (workbox globPatterns lists no `.br`/`.gz`): the worker
 * fetches the files like a browser, and gets them compressed. Files below 1 KiB stay as they are.
 * pdf.js's fonts, CMaps and WebAssembly (`pdfjs/`) are binary but shrink by a quarter to two
 * thirds, and every device's worker downloads them once.
 */
const precompress = compression({
  include: /\.(html|m?js|css|svg|webmanifest|json|txt|bcmap|pfb|ttf|wasm|icc)$/,
  threshold: 1024,
  algorithms: [defineAlgorithm('brotliCompress'), defineAlgorithm('gzip', { level: 9 })],
  logLevel: 'silent',
})

/**
 * What pdf.js fetches beside its code, from the URLs the reader gives it
 * (client/data/pdf-reader-document.ts), by folder of pdfjs-dist and which of its files:
 * - `standard_fonts`: the 14 standard fonts, for PDFs that name one without embedding it;
 * - `cmaps`: Adobe's CMaps, for CJK text in fonts the PDF does not embed (without them such text
 *   is neither drawn nor found nor selectable);
 * - `wasm`: the JPEG 2000 and JBIG2 image decoders (scanned papers, some figures) and the colour
 *   management, as WebAssembly (the CSP allows 'wasm-unsafe-eval'); not the 0.4 MB JavaScript
 *   fallback for browsers that cannot run WebAssembly;
 * - `iccs`: the colour profiles pdf.js applies with it.
 * Copied into the build under `pdfjs/`, where the service worker precaches them, so that such
 * PDFs read right offline too; served from node_modules under `vite dev`.
 */
const PDFJS_ASSETS: Record<string, (name: string) => boolean> = {
  standard_fonts: () => true,
  cmaps: () => true,
  wasm: (name) => !name.endsWith('.js'),
  iccs: () => true,
}

const PDFJS_ASSET_TYPES: Record<string, string> = {
  '.wasm': 'application/wasm',
  '.ttf': 'font/ttf',
  '.icc': 'application/vnd.iccprofile',
}

function pdfJsAssets(): Plugin {
  const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'))
  /** The file of pdfjs-dist that `/pdfjs/<folder>/<name>` names, if it is one of the assets. */
  const assetFile = (path: string): string | undefined => {
    const [folder, name, ...rest] = path.split('/')
    const wanted = folder !== undefined && Object.hasOwn(PDFJS_ASSETS, folder)
    if (!wanted || !name || rest.length > 0 || /^\.|\\/.test(name)) return undefined
    return PDFJS_ASSETS[folder]?.(name) ? join(root, folder, name) : undefined
  }
  return {
    name: 'margins:pdfjs-assets',
    async generateBundle() {
      for (const [folder, wanted] of Object.entries(PDFJS_ASSETS)) {
        for (const name of await readdir(join(root, folder))) {
          if (!wanted(name)) continue
          const source = await readFile(join(root, folder, name))
          this.emitFile({ type: 'asset', fileName: `pdfjs/${folder}/${name}`, source })
        }
      }
    },
    configureServer(server) {
      server.middlewares.use('/pdfjs', (request, response, next) => {
        const file = assetFile((request.url ?? '').replace(/^\/|\?.*$/g, ''))
        if (!file) return next()
        readFile(file).then(
          (bytes) => {
            response.setHeader(
              'Content-Type',
              PDFJS_ASSET_TYPES[extname(file)] ?? 'application/octet-stream',
            )
            response.end(bytes)
          },
          () => next(),
        )
      })
    },
  }
}

/**
 * The entry module (client/main.tsx) imports the app's code with `import()`, so that it is
 * evaluated in several short tasks rather than one long one. Vite preloads only the entry's
 * static imports from index.html; this adds a `modulepreload` for every chunk those first
 * `import()`s need, so that they download with the entry, at the same priority, as before.
 */
function preloadStartupChunks(): Plugin {
  return {
    name: 'margins:preload-startup-chunks',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const { bundle, chunk: entry } = context
        if (!bundle || !entry) return []
        const files = new Set<string>()
        const add = (fileName: string) => {
          const chunk = bundle[fileName]
          if (chunk?.type !== 'chunk' || files.has(fileName)) return
          files.add(fileName)
          chunk.imports.forEach(add)
        }
        entry.dynamicImports.forEach(add)
        // Vite links the entry and its static imports itself.
        files.delete(entry.fileName)
        for (const fileName of entry.imports) files.delete(fileName)
        const styles = new Set<string>()
        for (const fileName of files) {
          const chunk = bundle[fileName]
          if (chunk?.type === 'chunk')
            chunk.viteMetadata?.importedCss.forEach((css) => styles.add(css))
        }
        entry.viteMetadata?.importedCss.forEach((css) => styles.delete(css))
        const link = (rel: string, fileName: string) => ({
          tag: 'link',
          attrs: { rel, crossorigin: true, href: `/${fileName}` },
          injectTo: 'head' as const,
        })
        return [
          ...[...styles].map((fileName) => link('stylesheet', fileName)),
          ...[...files].map((fileName) => link('modulepreload', fileName)),
        ]
      },
    },
  }
}

export default defineConfig({
  root: 'client',
  publicDir: 'public',
  plugins: [solid(), preloadStartupChunks(), pdfJsAssets(), pwa, precompress],
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    target: 'es2022',
    // Every browser with es2022 modules but Safari < 17 has modulepreload; there the chunks
    // still load, only later.
    modulePreload: { polyfill: false },
  },
  server: {
    proxy: {
      '/sync': { target: 'ws://localhost:8080', ws: true },
      '/api': 'http://localhost:8080',
    },
  },
  test: {
    root: '.',
    environment: 'node',
    // Tests that run in Node get projects of their own without the Solid plugin, whose test mode
    // adds the `browser` resolve condition everywhere (it made `ws` resolve to its browser stub).
    projects: [
      {
        test: {
          name: 'node',
          root: '.',
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**', 'test/component/**'],
          environment: 'node',
          testTimeout: 20_000,
          hookTimeout: 120_000,
        },
      },
      {
        // Solid components rendered into happy-dom with the Solid plugin's browser build.
        plugins: [solid()],
        resolve: { conditions: ['development', 'browser'] },
        test: {
          name: 'component',
          root: '.',
          include: ['test/component/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          setupFiles: ['test/component/setup.ts'],
          testTimeout: 20_000,
        },
      },
      {
        // Its own project too, so that the app is built only when an e2e test is queued.
        test: {
          name: 'e2e',
          root: '.',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/build-app.global-setup.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
})
