import type { ManagerMessages } from './en'

export const de: ManagerMessages = {
  app: { name: 'Konsole für Implementierungsanfragen', short: 'Anfragen-Konsole' },
  nav: { label: 'Bereiche der Konsole', status: 'Systemstatus', apiDocs: 'API-Referenz' },
  status: {
    title: 'Systemstatus',
    description: 'Ob der Dienst und seine Datenbank gerade antworten und welche Version läuft.',
    loading: 'Dienst wird geprüft…',
    service: 'Dienst',
    operational: 'In Betrieb',
    database: 'Datenbank',
    databases: { pglite: 'PGlite (eingebettetes PostgreSQL)', postgres: 'PostgreSQL-Server' },
    version: 'Version',
    checkedAt: 'Geprüft um {time}',
    checkAgain: 'Erneut prüfen',
    failedTitle: 'Der Dienst hat auf die Statusprüfung nicht geantwortet',
    apiDocsTitle: 'API-Referenz',
    apiDocsText: 'Alle Endpunkte des Dienstes mit ihren Anfrage- und Antwortschemas und Fehlercodes.',
    apiDocsLink: 'API-Referenz öffnen',
  },
  notFound: {
    title: 'Seite nicht gefunden',
    text: 'Diese Seite gibt es in der Konsole nicht.',
    back: 'Zum Systemstatus',
  },
}
