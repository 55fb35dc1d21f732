import { createRouter, createWebHistory } from 'vue-router'

/** The console for Bitrix24 partner managers, served under `/manager/`. */
export function createManagerRouter() {
  return createRouter({
    history: createWebHistory('/manager/'),
    routes: [
      {
        path: '/',
        name: 'system-status',
        component: () => import('./views/SystemStatusView.vue'),
        meta: { titleKey: 'status.title' },
      },
      {
        path: '/:pathMatch(.*)*',
        name: 'not-found',
        component: () => import('./views/NotFoundView.vue'),
        meta: { titleKey: 'notFound.title' },
      },
    ],
  })
}
