import type { RouteRecordRaw } from 'vue-router'

/** The console's work screens; each loads as its own chunk, so the first page carries only the shell. */
export const SCREEN_ROUTES: RouteRecordRaw[] = [
  {
    path: '/dashboard',
    name: 'dashboard',
    component: () => import('./views/console/DashboardView.vue'),
    meta: { titleKey: 'dashboard.title' },
  },
  {
    path: '/partners',
    name: 'partners',
    component: () => import('./views/console/PartnersView.vue'),
    meta: { titleKey: 'partners.title' },
  },
  {
    path: '/partners/:id',
    name: 'partner',
    component: () => import('./views/console/PartnerView.vue'),
    meta: { titleKey: 'partners.title' },
  },
  {
    path: '/requests',
    name: 'requests',
    component: () => import('./views/console/RequestsView.vue'),
    meta: { titleKey: 'requests.title' },
  },
  {
    path: '/requests/:id',
    name: 'request',
    component: () => import('./views/console/RequestView.vue'),
    meta: { titleKey: 'requests.title' },
  },
  {
    path: '/returns',
    name: 'returns',
    component: () => import('./views/console/ReturnsView.vue'),
    meta: { titleKey: 'returns.title' },
  },
  {
    path: '/lead-sync',
    name: 'lead-sync',
    component: () => import('./views/console/LeadSyncView.vue'),
    meta: { titleKey: 'leadSync.title' },
  },
  {
    path: '/restricted-countries',
    name: 'restricted-countries',
    component: () => import('./views/console/RestrictedCountriesView.vue'),
    meta: { titleKey: 'restricted.title' },
  },
  {
    path: '/feedback',
    name: 'client-feedback',
    component: () => import('./views/console/FeedbackView.vue'),
    meta: { titleKey: 'feedback.title' },
  },
  {
    path: '/audit',
    name: 'audit-log',
    component: () => import('./views/console/AuditLogView.vue'),
    meta: { titleKey: 'audit.title' },
  },
]
