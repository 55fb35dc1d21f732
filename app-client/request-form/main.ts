import './styles.css'
import { createApp } from 'vue'
import App from './App.vue'
import { createRequestFormI18n } from './i18n'
import { createRequestFormRouter } from './router'
import { followLocaleQuery, syncDocumentWithLocale } from '../common/i18n/sync-document'
import { isEmbedded, reportHeightToParent } from './embed'

const router = createRequestFormRouter()
const i18n = createRequestFormI18n()

createApp(App).use(router).use(i18n).mount('#app')
followLocaleQuery({ i18n, router })
syncDocumentWithLocale({ i18n, router, appNameKey: 'app.name' })
if (isEmbedded()) reportHeightToParent()
