import type { PartnerMessages } from './en'
import { screensEs } from './screens.es'

export const es: PartnerMessages = {
  ...screensEs,
  app: { name: 'Solicitudes de implementación de Bitrix24' },
  page: { home: 'Resumen' },
  status: {
    connecting: 'Conectando con su Bitrix24…',
    connected: 'Conectado a {domain}',
    outside: 'No se ha abierto dentro de un portal de Bitrix24',
    failed: 'Sin conexión',
  },
  about: {
    tagline:
      'Solicitudes de implementación de futuros clientes de Bitrix24, entregadas a partners certificados dentro de su propio Bitrix24.',
    featuresTitle: 'Qué hace la aplicación por los partners',
    features: {
      locations: {
        title: 'Solicitudes de sus zonas',
        text: 'Vea las solicitudes de implementación de futuros clientes en hasta 4 zonas en las que trabaja su empresa.',
      },
      reserve: {
        title: 'Reserve para ver los contactos',
        text: 'Los datos de contacto del cliente permanecen ocultos hasta que reserva una solicitud. Al reservarla, su equipo puede verlos.',
      },
      cap: {
        title: 'Como máximo 5 partners por solicitud',
        text: 'No más de 5 partners pueden reservar la misma solicitud, para que cada cliente reciba pocas ofertas y bien enfocadas.',
      },
      crm: {
        title: 'Leads en su CRM',
        text: 'Cada solicitud que reserva aparece como un lead en su CRM de Bitrix24, lista para su equipo de ventas.',
      },
      rating: {
        title: 'Los resultados forman su valoración',
        text: 'Marcar esos leads como ganados o perdidos en su CRM determina su valoración como partner.',
      },
    },
    accessTitle: 'Cómo obtenerla',
    access: {
      install: 'Instale la aplicación desde el Marketplace de Bitrix24 en el portal de Bitrix24 de su empresa.',
      approved: 'Su empresa debe ser un partner aprobado del Programa de Partners de Bitrix24.',
      tutorial: 'Su empresa debe haber completado el Bitrix Partner Program Tutorial.',
      open: 'Abra la aplicación desde su portal: solo funciona dentro de Bitrix24.',
    },
  },
  outside: {
    title: 'Está viendo esta aplicación fuera de Bitrix24',
    text: 'Las solicitudes, las reservas y su valoración solo se muestran cuando la aplicación se abre dentro de un portal de Bitrix24 donde está instalada.',
  },
  failed: {
    title: 'No se pudo conectar con su portal de Bitrix24',
    text: 'El portal no completó la conexión. Inténtelo de nuevo; si sigue fallando, vuelva a abrir la aplicación desde el menú del portal.',
    retry: 'Reintentar',
  },
  onboarding: {
    title: 'Vincule este portal con su cuenta de partner',
    text: 'Antes de que aparezcan solicitudes aquí, este portal debe vincularse con la cuenta de partner de Bitrix24 de su empresa.',
    code: 'Un gestor de partners de Bitrix24 emite un código de vinculación de un solo uso para su empresa; un administrador del portal lo introduce en esta aplicación.',
  },
  notFound: {
    title: 'Página no encontrada',
    text: 'Esta página no existe en la aplicación.',
    back: 'Volver al resumen',
  },
}
