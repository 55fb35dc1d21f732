import { createRouter, createWebHistory } from 'vue-router'
import LandingView from './views/LandingView.vue'

/** The public request form lives under `/request-form/`; the landing page is part of the first load. */
export function createRequestFormRouter() {
  return createRouter({
    history: createWebHistory('/request-form/'),
    routes: [
      { path: '/', name: 'landing', component: LandingView, meta: { titleKey: 'page.landing' } },
      {
        path: '/:pathMatch(.*)*',
        name: 'not-found',
        component: () => import('./views/NotFoundView.vue'),
        meta: { titleKey: 'notFound.title' },
      },
    ],
    scrollBehavior: (to) => (to.hash ? { el: to.hash } : { top: 0 }),
  })
}
