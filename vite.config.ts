import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import bitrix24UiPlugin from '@bitrix24/b24ui-nuxt/vite'
import { forContactPhones } from './shared/domain/phone-metadata'

const repoRoot = fileURLToPath(new URL('.', import.meta.url))
const clientRoot = fileURLToPath(new URL('./app-client', import.meta.url))

/** Entries built as separate pages; each is served under `/<name>/`. */
export const CLIENT_ENTRIES = ['partner', 'request-form', 'manager'] as const

/**
 * Only these client folders may use the Bitrix24 UI kit. The public request form stays plain Vue + Tailwind
 * to keep its bundle small, so the kit's component auto-import never touches its files.
 */
const kitFolders = /[\\/]app-client[\\/](partner|manager)[\\/]/

export default defineConfig({
  root: clientRoot,
  base: '/',
  resolve: {
    alias: { '@shared': fileURLToPath(new URL('./shared', import.meta.url)) },
  },
  plugins: [
    vue(),
    {
      // The browser validates contact phone numbers but never formats them: its metadata keeps only the
      // patterns of fixed-line and mobile numbers, without the formats.
      name: 'phone-metadata-for-contact-phones',
      enforce: 'pre',
      transform(code, id) {
        if (!/libphonenumber-js[\\/]metadata\.max\.json\.js$/.test(id)) return null
        const json = code.slice(code.indexOf('export default') + 'export default'.length).trim()
        return { code: `export default ${JSON.stringify(forContactPhones(JSON.parse(json)))}`, map: null }
      },
    },
    bitrix24UiPlugin({
      // Generated theme templates go to node_modules/.b24ui-nuxt instead of app-client/node_modules.
      root: repoRoot,
      colorMode: false,
      prose: false,
      mdc: false,
      // Generates theme CSS only for the B24 components the templates reference.
      experimental: { componentDetection: true },
      // Absolute, so test runners with another root update the same declaration file.
      components: { include: [kitFolders], dts: `${clientRoot}/components.d.ts` },
      // Composables are imported explicitly, so no global declarations leak into the request form's types.
      autoImport: false,
    }),
  ],
  build: {
    outDir: fileURLToPath(new URL('./dist/client', import.meta.url)),
    emptyOutDir: true,
    // Every asset is a file under /assets/: no data: URLs, so the pages need no `data:` in their CSP.
    assetsInlineLimit: 0,
    // dist/client/.vite/manifest.json: which chunks each entry loads first (bench/partner-app.ts reads it).
    manifest: true,
    rolldownOptions: {
      input: Object.fromEntries(CLIENT_ENTRIES.map((name) => [name, `${clientRoot}/${name}/index.html`])),
    },
  },
  server: {
    // Standalone `vite` only: the Express server mounts Vite in middleware mode and serves /api itself.
    proxy: { '/api': { target: process.env.API_ORIGIN ?? 'http://127.0.0.1:3000', changeOrigin: true } },
  },
})
