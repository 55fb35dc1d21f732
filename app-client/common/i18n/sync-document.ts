import { watchEffect } from 'vue'
import type { Router } from 'vue-router'
import { matchLocale, type AppI18n } from './create-i18n'

/**
 * Keeps `<html lang>` and `document.title` in step with the UI language and the current route
 * (`meta.titleKey`), so screen readers and browser tabs always match what is on screen.
 */
export function syncDocumentWithLocale(options: { i18n: AppI18n; router: Router; appNameKey: string }): void {
  const { i18n, router, appNameKey } = options
  watchEffect(() => {
    const { t, locale } = i18n.global
    document.documentElement.lang = locale.value
    const appName = t(appNameKey)
    const titleKey = router.currentRoute.value.meta.titleKey
    document.title = titleKey ? `${t(titleKey)} · ${appName}` : appName
  })
}

/** Switches the UI language whenever a navigation carries `?lang=`, so language links are plain, shareable URLs. */
export function followLocaleQuery(options: { i18n: AppI18n; router: Router }): void {
  options.router.afterEach((to) => {
    const requested = Array.isArray(to.query.lang) ? to.query.lang[0] : to.query.lang
    const locale = matchLocale(requested)
    if (locale) options.i18n.global.locale.value = locale
  })
}
