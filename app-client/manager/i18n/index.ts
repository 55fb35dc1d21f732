import { createAppI18n } from '../../common/i18n/create-i18n'
import { de } from './de'
import { en } from './en'
import { es } from './es'

export function createManagerI18n() {
  return createAppI18n({ en, de, es })
}
