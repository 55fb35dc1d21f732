// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import pluginVue from 'eslint-plugin-vue'
import globals from 'globals'
import { readdirSync } from 'node:fs'

/**
 * The modules of app-server/modules from the bottom up: each imports only modules before it, and only through
 * their index.ts, so modules form no cycle. Reactions that point upward are domain events (app-server/events).
 * managers sits below audit because the audit log's routes authenticate managers; territories below partners,
 * whose locations it checks; rating above crm-sync and reservations, whose outcomes and reservations it counts;
 * system (health) on top, as nothing depends on it.
 */
export const MODULE_LAYERS = [
  'managers',
  'audit',
  'territories',
  'bitrix24',
  'partners',
  'requests',
  'reservations',
  'crm-sync',
  'rating',
  'console',
  'program',
  'system',
]

const unplaced = readdirSync(new URL('./app-server/modules', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !MODULE_LAYERS.includes(entry.name))
  .map((entry) => entry.name)
if (unplaced.length > 0) {
  throw new Error(`eslint.config.js: add ${unplaced.join(', ')} to MODULE_LAYERS, at the layer it belongs to`)
}

const INDEX_ONLY = [
  { regex: '^\\.\\./[^./][^/]*/(?!index$)[^/]+$', message: 'Import another module only through its index.ts.' },
  { regex: 'modules/[^/]+/(?!index$)[^/]+$', message: 'Import another module only through its index.ts.' },
]

/** One block per module: the index-only rule plus the modules above it, which it may not import. */
const moduleLayerBlocks = MODULE_LAYERS.map((name, rank) => {
  const above = MODULE_LAYERS.slice(rank + 1)
  const names = above.join('|')
  const message = `${name} may import only modules below it (${MODULE_LAYERS.slice(0, rank).join(', ') || 'none'}); react to a higher one through a domain event.`
  return {
    files: [`app-server/modules/${name}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...INDEX_ONLY,
            ...(above.length > 0
              ? [
                  { regex: `^\\.\\./(${names})(/|$)`, message },
                  { regex: `modules/(${names})(/|$)`, message },
                ]
              : []),
          ],
        },
      ],
    },
  }
})

export default tseslint.config(
  {
    ignores: ['dist/', 'data/', 'coverage/', 'test-results/', 'node_modules/', '**/.b24ui-nuxt/', '**/*.d.ts'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'error',
      // Request bodies carry client contact data: they never go to a log line.
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.object.name=/^(log|logger)$/] MemberExpression[object.name='req'][property.name='body']",
          message: 'Do not log request bodies: they can carry client contact data.',
        },
      ],
      'vue/multi-word-component-names': 'error',
      // Formatting belongs to Prettier.
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
    },
  },
  {
    files: ['app-client/**/*.{ts,vue}', 'test/client/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Masking runs on the server; its list of top-level domains would only weigh down the form.
    files: ['app-client/**/*.{ts,vue}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['tlds', '**/shared/domain/contact-patterns', '**/shared/domain/mask-contacts'],
              message: 'Contact masking is server-only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['app-server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: 'modules/[^/]+/(?!index$)[^/]+$',
              message: 'Import another module only through its index.ts.',
            },
          ],
        },
      ],
    },
  },
  ...moduleLayerBlocks,
  {
    // Infrastructure under the modules: the outbox and the worker know no module; jobs/registry.ts composes them.
    files: ['app-server/events/**/*.ts', 'app-server/jobs/**/*.ts'],
    ignores: ['app-server/jobs/registry.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '(^|/)modules(/|$)', message: 'Infrastructure imports no module; modules import it.' }] },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', '**/app-server/**', '**/app-client/**'], message: 'shared/ is pure: zod only.' },
          ],
        },
      ],
    },
  },
  {
    files: ['bench/**/*.ts', 'test/e2e/**/*.ts', 'app-server/**/*-cli.ts', 'app-server/start.ts'],
    rules: { 'no-console': 'off' },
  },
)
