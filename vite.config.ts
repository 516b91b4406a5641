import { defineConfig } from 'vitest/config'
import solid from 'vite-plugin-solid'

export default defineConfig({
  root: 'client',
  publicDir: 'public',
  plugins: [solid()],
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    target: 'es2022',
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
          exclude: ['test/e2e/**'],
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
