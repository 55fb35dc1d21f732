import { createAppI18n } from '../../common/i18n/create-i18n'
import { de } from './de'
import { en } from './en'
import { es } from './es'
import { screensDe } from './screens/de'
import { screensEn } from './screens/en'
import { screensEs } from './screens/es'

export function createManagerI18n() {
  return createAppI18n({
    en: { ...en, ...screensEn },
    de: { ...de, ...screensDe },
    es: { ...es, ...screensEs },
  })
}
