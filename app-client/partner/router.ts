import { createRouter, createWebHistory } from 'vue-router'

/**
 * The partner app runs inside the portal iframe under `/partner/`. Each screen is its own chunk, so the first
 * screen loads only what it shows. `standalone` screens (the installer, CRM detail tabs) skip the app's
 * navigation and linking gate.
 */
export function createPartnerRouter() {
  return createRouter({
    history: createWebHistory('/partner/'),
    routes: [
      // The portal's launch parameters (DOMAIN, APP_SID, …) stay in the address for the frame SDK.
      { path: '/', name: 'overview', redirect: (to) => ({ name: 'requests', query: to.query }) },
      {
        path: '/requests',
        name: 'requests',
        component: () => import('./views/RequestsView.vue'),
        meta: { titleKey: 'nav.requests' },
      },
      {
        path: '/reservations',
        name: 'reservations',
        component: () => import('./views/ReservationsView.vue'),
        meta: { titleKey: 'nav.reservations' },
      },
      {
        path: '/rating',
        name: 'rating',
        component: () => import('./views/RatingView.vue'),
        meta: { titleKey: 'nav.rating' },
      },
      {
        path: '/locations',
        name: 'locations',
        component: () => import('./views/LocationsView.vue'),
        meta: { titleKey: 'nav.locations' },
      },
      {
        path: '/install',
        name: 'install',
        component: () => import('./views/InstallView.vue'),
        meta: { titleKey: 'install.title', standalone: true },
      },
      {
        path: '/placement/:kind(lead|deal)',
        name: 'placement',
        component: () => import('./views/PlacementView.vue'),
        meta: { titleKey: 'placement.title', standalone: true },
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
