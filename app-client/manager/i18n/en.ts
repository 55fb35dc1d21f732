export const en = {
  app: { name: 'Implementation Requests Console', short: 'Requests Console' },
  nav: { label: 'Console sections', status: 'System status', apiDocs: 'API reference' },
  status: {
    title: 'System status',
    description: 'Whether the service and its database answer right now, and which version is running.',
    loading: 'Checking the service…',
    service: 'Service',
    operational: 'Operational',
    database: 'Database',
    databases: { pglite: 'PGlite (embedded PostgreSQL)', postgres: 'PostgreSQL server' },
    version: 'Version',
    checkedAt: 'Checked at {time}',
    checkAgain: 'Check again',
    failedTitle: 'The service did not answer the health check',
    apiDocsTitle: 'API reference',
    apiDocsText: 'Every endpoint of the service, its request and response schemas and error codes.',
    apiDocsLink: 'Open the API reference',
  },
  notFound: {
    title: 'Page not found',
    text: 'This page does not exist in the console.',
    back: 'Go to system status',
  },
}

export type ManagerMessages = typeof en
