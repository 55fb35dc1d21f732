import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { SCREEN_ROUTES } from './screen-routes'

/**
 * The console's screens. A section's route name matches its entry in navigation.ts, which lists it once the
 * route exists; `meta.ability` keeps a screen to the roles that may use it (the guards check it).
 */
export const CONSOLE_ROUTES: RouteRecordRaw[] = [
  {
    path: '/sign-in',
    name: 'sign-in',
    component: () => import('./views/SignInView.vue'),
    meta: { titleKey: 'signIn.title', public: true },
  },
  { path: '/', name: 'home', redirect: { name: 'dashboard' } },
  ...SCREEN_ROUTES,
  {
    path: '/status',
    name: 'system-status',
    component: () => import('./views/SystemStatusView.vue'),
    meta: { titleKey: 'status.title' },
  },
  {
    path: '/managers',
    name: 'managers',
    component: () => import('./views/ManagersView.vue'),
    meta: { titleKey: 'managers.title', ability: 'manageManagers' },
  },
  {
    path: '/account',
    name: 'account',
    component: () => import('./views/AccountView.vue'),
    meta: { titleKey: 'account.title' },
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('./views/NotFoundView.vue'),
    meta: { titleKey: 'notFound.title' },
  },
]

/** The console for Bitrix24 partner managers, served under `/manager/`. */
export function createManagerRouter() {
  return createRouter({ history: createWebHistory('/manager/'), routes: CONSOLE_ROUTES })
}
