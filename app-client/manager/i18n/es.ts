import type { ManagerMessages } from './en'

export const es: ManagerMessages = {
  app: { name: 'Consola de solicitudes de implementación', short: 'Consola de solicitudes' },
  nav: { label: 'Secciones de la consola', status: 'Estado del sistema', apiDocs: 'Referencia de la API' },
  status: {
    title: 'Estado del sistema',
    description: 'Si el servicio y su base de datos responden en este momento y qué versión está en ejecución.',
    loading: 'Comprobando el servicio…',
    service: 'Servicio',
    operational: 'Operativo',
    database: 'Base de datos',
    databases: { pglite: 'PGlite (PostgreSQL integrado)', postgres: 'Servidor PostgreSQL' },
    version: 'Versión',
    checkedAt: 'Comprobado a las {time}',
    checkAgain: 'Volver a comprobar',
    failedTitle: 'El servicio no respondió a la comprobación de estado',
    apiDocsTitle: 'Referencia de la API',
    apiDocsText: 'Todos los endpoints del servicio, con sus esquemas de petición y respuesta y sus códigos de error.',
    apiDocsLink: 'Abrir la referencia de la API',
  },
  notFound: {
    title: 'Página no encontrada',
    text: 'Esta página no existe en la consola.',
    back: 'Ir al estado del sistema',
  },
}
