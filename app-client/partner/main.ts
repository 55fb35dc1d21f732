import './styles.css'
import { createApp } from 'vue'
import { createPinia } from 'pinia'
import b24UiPlugin from '@bitrix24/b24ui-nuxt/vue-plugin'
import App from './App.vue'
import { createPartnerI18n, localeFromPortalLanguage } from './i18n'
import { createPartnerRouter } from './router'
import { usePortalStore } from './stores/portal'
import { matchLocale } from '../common/i18n/create-i18n'
import { syncDocumentWithLocale } from '../common/i18n/sync-document'

const pinia = createPinia()
const router = createPartnerRouter()
const i18n = createPartnerI18n()

createApp(App).use(pinia).use(router).use(i18n).use(b24UiPlugin).mount('#app')
syncDocumentWithLocale({ i18n, router, appNameKey: 'app.name' })

const portal = usePortalStore(pinia)
void portal.connect().then(() => {
  // A supported `?lang=` wins; otherwise speak the language the user chose in Bitrix24, and English for the
  // portal languages we have no messages for.
  if (matchLocale(new URLSearchParams(window.location.search).get('lang'))) return
  if (portal.state !== 'ready') return
  i18n.global.locale.value = localeFromPortalLanguage(portal.language) ?? 'en'
})
