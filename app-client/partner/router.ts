import { createRouter, createWebHistory } from 'vue-router'

/** The partner app runs inside the portal iframe under `/partner/`. */
export function createPartnerRouter() {
  return createRouter({
    history: createWebHistory('/partner/'),
    routes: [
      {
        path: '/',
        name: 'overview',
        component: () => import('./views/OverviewView.vue'),
        meta: { titleKey: 'page.home' },
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
