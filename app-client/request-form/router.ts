import { createRouter, createWebHistory } from 'vue-router'
import LandingView from './views/LandingView.vue'
import RequestFormView from './views/RequestFormView.vue'

/**
 * The public pages live under `/request-form/`. The landing page and the form are part of the first load
 * (the form is what an embedding site shows); the confirmation and the status page load when opened.
 */
export function createRequestFormRouter() {
  return createRouter({
    history: createWebHistory('/request-form/'),
    routes: [
      { path: '/', name: 'landing', component: LandingView, meta: { titleKey: 'page.landing' } },
      { path: '/request', name: 'form', component: RequestFormView, meta: { titleKey: 'page.form' } },
      {
        path: '/sent',
        name: 'sent',
        component: () => import('./views/ConfirmationView.vue'),
        meta: { titleKey: 'page.sent' },
      },
      {
        path: '/status',
        name: 'status',
        component: () => import('./views/StatusView.vue'),
        meta: { titleKey: 'page.status' },
      },
      {
        path: '/:pathMatch(.*)*',
        name: 'not-found',
        component: () => import('./views/NotFoundView.vue'),
        meta: { titleKey: 'notFound.title' },
      },
    ],
    // The status page's fragment is the private token, not an element to scroll to.
    scrollBehavior: (to) => (to.hash && to.name !== 'status' ? { el: to.hash } : { top: 0 }),
  })
}
