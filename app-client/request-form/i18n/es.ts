import type { RequestFormMessages } from './en'
import { flowEs } from './flow.es'

export const es: RequestFormMessages = {
  ...flowEs,
  app: { name: 'Solicitud de implementación de Bitrix24', brand: 'Bitrix24', product: 'Solicitud de implementación' },
  page: {
    landing: 'Encuentre un partner para implementar Bitrix24',
    form: 'Describa su solicitud de implementación',
    sent: 'Solicitud enviada',
    status: 'Estado de su solicitud',
  },
  skipToContent: 'Saltar al contenido',
  hero: {
    title: 'Implemente Bitrix24 con un partner certificado',
    text: 'Cuéntenos lo que necesita. Hasta 5 partners certificados de Bitrix24 en su país reciben su solicitud y se ponen en contacto con usted con sus ofertas.',
  },
  steps: {
    title: 'Cómo funciona',
    describe: {
      title: 'Describa lo que necesita',
      text: 'Elija el tipo de ayuda que busca, cuente brevemente a qué se dedica su empresa y deje sus datos de contacto.',
    },
    partners: {
      title: 'Hasta 5 partners le hacen ofertas',
      text: 'Los partners certificados de Bitrix24 que trabajan en su país ven su solicitud. Como máximo 5 pueden aceptarla; reciben sus datos de contacto y le presentan sus ofertas.',
    },
    follow: {
      title: 'Siga el estado con su enlace privado',
      text: 'Recibe un enlace privado a su solicitud. En él verá en todo momento el estado actual de su solicitud.',
    },
  },
  types: {
    title: 'Qué puede solicitar',
    intro: 'Una solicitud puede abarcar desde la compra de una licencia hasta una integración a medida.',
    purchase: { title: 'Compra', text: 'Asesoramiento sobre el plan de Bitrix24 adecuado y ayuda con la compra.' },
    cloud_subscription: {
      title: 'Suscripción en la nube',
      text: 'Una nueva suscripción a Bitrix24 en la nube para su equipo.',
    },
    on_premise_license: {
      title: 'Claves de licencia on-premise',
      text: 'Claves de licencia para Bitrix24 en sus propios servidores.',
    },
    renewal_or_upgrade: { title: 'Renovaciones y mejoras', text: 'Prolongar su licencia o pasar a un plan superior.' },
    value_added_services: {
      title: 'Servicios de valor añadido',
      text: 'Servicios adicionales sobre su licencia de Bitrix24.',
    },
    installation_hosting: { title: 'Instalación y alojamiento', text: 'Instalar Bitrix24 on-premise y alojarlo.' },
    customization: { title: 'Personalización', text: 'Adaptar Bitrix24 a la forma de trabajar de su empresa.' },
    localization: {
      title: 'Localización',
      text: 'Adaptar Bitrix24 al idioma, la legislación y las prácticas locales.',
    },
    training: { title: 'Formación', text: 'Formar a sus empleados y administradores en el uso de Bitrix24.' },
    workflow_automation: {
      title: 'Automatización de procesos',
      text: 'Reglas de automatización, disparadores y procesos de negocio.',
    },
    telephony: { title: 'Telefonía', text: 'Conectar líneas telefónicas y el seguimiento de llamadas a Bitrix24.' },
    integration: { title: 'Integraciones', text: 'Conectar Bitrix24 con su web, su contabilidad u otros sistemas.' },
    app_development: {
      title: 'Desarrollo de aplicaciones',
      text: 'Aplicaciones a medida sobre la plataforma Bitrix24.',
    },
    other: { title: 'Otra cosa', text: 'Cualquier otra ayuda que necesite en torno a Bitrix24.' },
  },
  privacy: {
    title: 'Quién ve sus datos de contacto',
    text: 'Los partners ven su solicitud sin sus datos de contacto. Solo los partners que aceptan su solicitud, como máximo 5, los reciben.',
  },
  footer: 'Las solicitudes las atienden partners certificados del Programa de Partners de Bitrix24.',
  notFound: {
    title: 'Página no encontrada',
    text: 'La página que ha abierto no existe. Compruebe el enlace o vaya a la página de inicio.',
    back: 'Ir a la página de inicio',
  },
}
