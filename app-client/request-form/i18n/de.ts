import type { RequestFormMessages } from './en'
import { flowDe } from './flow.de'

export const de: RequestFormMessages = {
  ...flowDe,
  app: { name: 'Bitrix24 Implementierungsanfrage', brand: 'Bitrix24', product: 'Implementierungsanfrage' },
  page: {
    landing: 'Einen Partner für die Bitrix24-Einführung finden',
    form: 'Ihre Implementierungsanfrage beschreiben',
    sent: 'Anfrage gesendet',
    status: 'Status Ihrer Anfrage',
  },
  skipToContent: 'Zum Inhalt springen',
  hero: {
    title: 'Bitrix24 von einem zertifizierten Partner einführen lassen',
    text: 'Beschreiben Sie, was Sie brauchen. Bis zu 5 zertifizierte Bitrix24-Partner in Ihrem Land erhalten Ihre Anfrage und melden sich mit ihren Angeboten bei Ihnen.',
  },
  steps: {
    title: 'So funktioniert es',
    describe: {
      title: 'Beschreiben Sie Ihren Bedarf',
      text: 'Wählen Sie, welche Art von Unterstützung Sie suchen, erzählen Sie kurz von Ihrem Unternehmen und hinterlassen Sie Ihre Kontaktdaten.',
    },
    partners: {
      title: 'Bis zu 5 Partner machen Ihnen Angebote',
      text: 'Zertifizierte Bitrix24-Partner, die in Ihrem Land tätig sind, sehen Ihre Anfrage. Höchstens 5 von ihnen können sie übernehmen; sie erhalten Ihre Kontaktdaten und melden sich mit Angeboten.',
    },
    follow: {
      title: 'Verfolgen Sie den Status über Ihren privaten Link',
      text: 'Sie erhalten einen privaten Link zu Ihrer Anfrage. Dort sehen Sie jederzeit den aktuellen Stand Ihrer Anfrage.',
    },
  },
  types: {
    title: 'Wobei Partner helfen können',
    intro: 'Eine Anfrage kann alles abdecken – vom Lizenzkauf bis zur individuellen Integration.',
    purchase: { title: 'Kauf', text: 'Beratung zum passenden Bitrix24-Tarif und Hilfe beim Kauf.' },
    cloud_subscription: { title: 'Cloud-Abonnement', text: 'Ein neues Bitrix24-Cloud-Abonnement für Ihr Team.' },
    on_premise_license: {
      title: 'On-Premise-Lizenzschlüssel',
      text: 'Lizenzschlüssel für Bitrix24 auf Ihren eigenen Servern.',
    },
    renewal_or_upgrade: {
      title: 'Verlängerungen und Upgrades',
      text: 'Lizenz verlängern oder auf einen größeren Tarif wechseln.',
    },
    value_added_services: {
      title: 'Zusatzleistungen',
      text: 'Zusätzliche Dienstleistungen rund um Ihre Bitrix24-Lizenz.',
    },
    installation_hosting: { title: 'Installation und Hosting', text: 'Bitrix24 On-Premise einrichten und betreiben.' },
    customization: { title: 'Anpassung', text: 'Bitrix24 an die Arbeitsweise Ihres Unternehmens anpassen.' },
    localization: { title: 'Lokalisierung', text: 'Anpassung an Sprache, Gesetze und Gepflogenheiten vor Ort.' },
    training: { title: 'Schulung', text: 'Schulung Ihrer Mitarbeitenden und Administratoren in Bitrix24.' },
    workflow_automation: {
      title: 'Workflow-Automatisierung',
      text: 'Automatisierungsregeln, Trigger und Geschäftsprozesse.',
    },
    telephony: { title: 'Telefonie', text: 'Telefonleitungen und Anrufverfolgung an Bitrix24 anbinden.' },
    integration: {
      title: 'Integrationen',
      text: 'Bitrix24 mit Website, Buchhaltung oder anderen Systemen verbinden.',
    },
    app_development: { title: 'App-Entwicklung', text: 'Individuelle Anwendungen auf der Bitrix24-Plattform.' },
    other: { title: 'Etwas anderes', text: 'Alles andere, wobei Sie rund um Bitrix24 Unterstützung brauchen.' },
  },
  privacy: {
    title: 'Wer Ihre Kontaktdaten sieht',
    text: 'Partner sehen Ihre Anfrage ohne Ihre Kontaktdaten. Nur die Partner, die Ihre Anfrage übernehmen – höchstens 5 –, erhalten sie.',
  },
  footer: 'Anfragen werden von zertifizierten Partnern des Bitrix24-Partnerprogramms bearbeitet.',
  notFound: {
    title: 'Seite nicht gefunden',
    text: 'Die aufgerufene Seite existiert nicht. Prüfen Sie den Link oder gehen Sie zur Startseite.',
    back: 'Zur Startseite',
  },
}
