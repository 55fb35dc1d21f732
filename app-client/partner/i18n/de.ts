import type { PartnerMessages } from './en'
import { screensDe } from './screens.de'

export const de: PartnerMessages = {
  ...screensDe,
  app: { name: 'Bitrix24 Implementierungsanfragen' },
  page: { home: 'Übersicht' },
  status: {
    connecting: 'Verbindung zu Ihrem Bitrix24 wird hergestellt…',
    connected: 'Verbunden mit {domain}',
    outside: 'Nicht in einem Bitrix24-Portal geöffnet',
    failed: 'Nicht verbunden',
  },
  about: {
    tagline:
      'Implementierungsanfragen von künftigen Bitrix24-Kunden, direkt im eigenen Bitrix24 zertifizierter Partner.',
    featuresTitle: 'Was die App für Partner leistet',
    features: {
      locations: {
        title: 'Anfragen aus Ihren Regionen',
        text: 'Sehen Sie Implementierungsanfragen künftiger Kunden aus bis zu 4 Regionen, die Ihr Unternehmen betreut.',
      },
      reserve: {
        title: 'Reservieren, um Kontakte zu sehen',
        text: 'Die Kontaktdaten des Kunden bleiben verborgen, bis Sie eine Anfrage reservieren. Danach sieht Ihr Team sie.',
      },
      cap: {
        title: 'Höchstens 5 Partner pro Anfrage',
        text: 'Höchstens 5 Partner können dieselbe Anfrage reservieren – so erhält jeder Kunde wenige, gezielte Angebote.',
      },
      crm: {
        title: 'Leads in Ihrem CRM',
        text: 'Jede reservierte Anfrage erscheint als Lead in Ihrem Bitrix24-CRM, bereit für Ihr Vertriebsteam.',
      },
      rating: {
        title: 'Ergebnisse bestimmen Ihr Rating',
        text: 'Ob Sie diese Leads in Ihrem CRM als gewonnen oder verloren abschließen, bestimmt Ihr Partner-Rating.',
      },
    },
    accessTitle: 'So erhalten Sie die App',
    access: {
      install: 'Installieren Sie die App aus dem Bitrix24 Marketplace in das Bitrix24-Portal Ihres Unternehmens.',
      approved: 'Ihr Unternehmen muss als Partner im Bitrix24-Partnerprogramm zugelassen sein.',
      tutorial: 'Ihr Unternehmen muss das Bitrix Partner Program Tutorial abgeschlossen haben.',
      open: 'Öffnen Sie die App in Ihrem Portal: Sie funktioniert nur innerhalb von Bitrix24.',
    },
  },
  outside: {
    title: 'Sie sehen diese App außerhalb von Bitrix24',
    text: 'Anfragen, Reservierungen und Ihr Rating werden nur angezeigt, wenn die App in einem Bitrix24-Portal geöffnet wird, in dem sie installiert ist.',
  },
  failed: {
    title: 'Keine Verbindung zu Ihrem Bitrix24-Portal',
    text: 'Das Portal hat die Verbindung nicht abgeschlossen. Versuchen Sie es erneut; falls es weiterhin fehlschlägt, öffnen Sie die App erneut über das Menü des Portals.',
    retry: 'Erneut versuchen',
  },
  onboarding: {
    title: 'Verknüpfen Sie dieses Portal mit Ihrem Partnerkonto',
    text: 'Bevor hier Anfragen erscheinen können, muss dieses Portal mit dem Bitrix24-Partnerkonto Ihres Unternehmens verknüpft werden.',
    code: 'Ein Bitrix24-Partnermanager stellt Ihrem Unternehmen einen einmaligen Verknüpfungscode aus; ein Portal-Administrator gibt ihn in dieser App ein.',
  },
  notFound: {
    title: 'Seite nicht gefunden',
    text: 'Diese Seite gibt es in der App nicht.',
    back: 'Zurück zur Übersicht',
  },
}
