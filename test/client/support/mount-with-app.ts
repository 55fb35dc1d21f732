import { mount, type ComponentMountingOptions } from '@vue/test-utils'
import { getActivePinia } from 'pinia'
import type { Component } from 'vue'
import { createMemoryHistory, createRouter, type RouteRecordRaw } from 'vue-router'
import { createAppI18n, type AppLocale, type Messages } from '../../../app-client/common/i18n/create-i18n'

interface AppContext {
  messages: Record<AppLocale, Messages>
  locale?: AppLocale
  routes?: RouteRecordRaw[]
}

/** Mounts a component with the plugins an entry installs: the test's fresh Pinia, i18n and a memory router. */
export async function mountWithApp<C extends Component>(
  component: C,
  context: AppContext,
  options: ComponentMountingOptions<C> = {},
) {
  const pinia = getActivePinia()
  if (!pinia) throw new Error('test/client/setup.ts must activate a Pinia before each test')
  const i18n = createAppI18n(context.messages, context.locale ?? 'en')
  const router = createRouter({
    history: createMemoryHistory(),
    routes: context.routes ?? [{ path: '/', name: 'home', component: { render: () => null } }],
  })
  await router.push('/')
  await router.isReady()
  const wrapper = mount(component, { ...options, global: { plugins: [pinia, i18n, router], ...options.global } })
  return { wrapper, i18n, router }
}
