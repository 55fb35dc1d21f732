import './styles.css'
import { createApp } from 'vue'
import { createPinia } from 'pinia'
import b24UiPlugin from '@bitrix24/b24ui-nuxt/vue-plugin'
import App from './App.vue'
import { installGuards } from './guards'
import { createManagerI18n } from './i18n'
import { createManagerRouter } from './router'
import { followLocaleQuery, syncDocumentWithLocale } from '../common/i18n/sync-document'

const router = createManagerRouter()
const i18n = createManagerI18n()
const pinia = createPinia()

const app = createApp(App).use(pinia).use(router).use(i18n).use(b24UiPlugin)
installGuards(router)
app.mount('#app')
followLocaleQuery({ i18n, router })
syncDocumentWithLocale({ i18n, router, appNameKey: 'app.name' })
