// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import solid from 'eslint-plugin-solid/configs/typescript'
import prettier from 'eslint-config-prettier'
import globals from 'globals'

const yjsImports = {
  patterns: [
    {
      group: ['yjs', 'y-*', 'lib0', 'lib0/*'],
      message:
        'Components get plain data and call mutations from shared/; only client/data/ talks to Yjs.',
    },
  ],
}

const platformImports = {
  patterns: [
    {
      group: ['node:*', 'fs', 'path', 'http', 'ws', 'better-sqlite3', 'solid-js', 'solid-js/*'],
      message: 'shared/ is the data model: no Node, no DOM, no UI framework.',
    },
  ],
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    ...solid,
  },
  {
    files: ['client/components/**', 'client/pages/**', 'client/app/**'],
    rules: { 'no-restricted-imports': ['error', yjsImports] },
  },
  {
    files: ['shared/**'],
    rules: { 'no-restricted-imports': ['error', platformImports] },
  },
  {
    // Tests index into fixtures they just built; a failed lookup fails the test anyway.
    files: ['test/**', 'bench/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  prettier,
)
