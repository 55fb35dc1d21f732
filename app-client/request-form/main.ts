import './styles.css'
import { createApp } from 'vue'
import App from './App.vue'
import { createRequestFormI18n, loadLocaleMessages } from './i18n'
import { createRequestFormRouter } from './router'
import { matchLocale } from '../common/i18n/create-i18n'
import { followLocaleQuery, syncDocumentWithLocale } from '../common/i18n/sync-document'
import { isEmbedded, reportHeightToParent } from './embed'

async function start() {
  const router = createRequestFormRouter()
  const i18n = await createRequestFormI18n()
  // A language link (`?lang=`) waits for that language's messages, so the page never shows message keys.
  router.beforeEach(async (to) => {
    const locale = matchLocale(Array.isArray(to.query.lang) ? to.query.lang[0] : to.query.lang)
    if (locale) await loadLocaleMessages(i18n, locale)
  })
  createApp(App).use(router).use(i18n).mount('#app')
  followLocaleQuery({ i18n, router })
  syncDocumentWithLocale({ i18n, router, appNameKey: 'app.name' })
  if (isEmbedded()) reportHeightToParent()
}

void start()
