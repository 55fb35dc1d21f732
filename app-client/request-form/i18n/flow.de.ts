import type { flowEn } from './flow.en'

export const flowDe: typeof flowEn = {
  cta: { start: 'Anfrage beschreiben', startHint: 'Dauert etwa eine Minute' },
  form: {
    title: 'Beschreiben Sie, was Sie brauchen',
    intro: 'Das dauert etwa eine Minute. Mit * markierte Felder sind Pflichtfelder.',
    optional: 'optional',
    who: {
      legend: 'Wer Sie sind',
      name: 'Ihr Name',
      company: 'Unternehmen',
      email: 'E-Mail',
      phone: 'Telefon',
      phoneHint: 'Eine Nummer in {country} oder eine internationale Nummer, die mit + beginnt.',
      phoneHintNoCountry: 'Wählen Sie unten Ihr Land oder geben Sie eine internationale Nummer mit + ein.',
    },
    where: {
      legend: 'Wo Sie sind',
      countrySearch: 'Land suchen',
      countrySearchHint: 'Geben Sie einen Teil des Namens ein, um die Liste zu verkürzen.',
      country: 'Land',
      countryPlaceholder: 'Wählen Sie Ihr Land',
      noCountryMatch: 'Kein Land passt zu „{query}“.',
      countryRestricted:
        'Bitrix24-Partner dürfen keine Anfragen aus {country} annehmen, deshalb steht es nicht in der Liste.',
      city: 'Stadt',
    },
    what: {
      legend: 'Was Sie brauchen',
      types: 'Wobei sollen Partner Ihnen helfen?',
      typesHint: 'Wählen Sie eine oder mehrere Optionen.',
      usersCount: 'Wie viele Personen werden Bitrix24 nutzen?',
      description: 'Beschreiben Sie Ihr Projekt',
      descriptionHint:
        'Mindestens {min} Zeichen: Ihr Geschäft, Ihre Ziele, Termine. Bitte tragen Sie Kontaktdaten oben in die Felder ein, nicht hier.',
      language: 'Sprache, in der Partner mit Ihnen sprechen sollen',
    },
    consent: {
      legend: 'Ihre Kontaktdaten',
      label:
        'Ich bin einverstanden, dass bis zu {max} zertifizierte Bitrix24-Partner, die meine Anfrage übernehmen, meinen Namen, mein Unternehmen, meine E-Mail-Adresse und Telefonnummer erhalten, um mich mit Angeboten zu kontaktieren.',
      note: 'Bis ein Partner Ihre Anfrage übernimmt, wird sie ohne Ihre Kontaktdaten angezeigt. Über Ihren privaten Statuslink können Sie die Anfrage jederzeit zurückziehen oder Ihre Kontaktdaten löschen lassen.',
    },
    honeypot: 'Dieses Feld leer lassen',
    submit: 'Anfrage senden',
    submitting: 'Wird gesendet…',
    errorSummary: 'Bitte korrigieren Sie ein Feld. | Bitte korrigieren Sie {count} Felder.',
    counter: '{used} von {max} Zeichen',
    counterLeft: 'Noch ein Zeichen übrig. | Noch {count} Zeichen übrig.',
    counterOver: 'Ein Zeichen zu viel. | {count} Zeichen zu viel.',
    rateLimited:
      'Von dieser Verbindung wurden bereits mehrere Anfragen gesendet. Bitte versuchen Sie es in {minutes} Minuten erneut; Ihre Eingaben bleiben erhalten.',
    spam: 'Ihre Anfrage wurde nicht angenommen, weil sie automatisiert wirkt. Bitte kontaktieren Sie uns, falls das ein Irrtum ist.',
  },
  fieldErrors: {
    contact: {
      name: {
        too_small: 'Bitte geben Sie Ihren Namen ein.',
        too_big: 'Bitte verwenden Sie höchstens {max} Zeichen.',
        invalid: 'Bitte geben Sie Ihren Namen ohne Sonderzeichen ein.',
      },
      company: {
        too_big: 'Bitte verwenden Sie höchstens {max} Zeichen.',
        invalid: 'Bitte geben Sie den Firmennamen ohne Sonderzeichen ein.',
      },
      email: {
        required: 'Bitte geben Sie Ihre E-Mail-Adresse ein.',
        too_big: 'Bitte verwenden Sie höchstens 254 Zeichen.',
        invalid: "Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name{'@'}firma.de.",
      },
      phone: {
        too_small: 'Bitte geben Sie Ihre Telefonnummer ein.',
        invalid:
          'Bitte geben Sie eine Mobil- oder Festnetznummer des gewählten Landes ein oder eine internationale Nummer, die mit + beginnt.',
      },
    },
    country: {
      invalid: 'Bitte wählen Sie Ihr Land.',
      country_restricted: 'Bitrix24-Partner dürfen keine Anfragen aus diesem Land annehmen.',
    },
    city: {
      too_small: 'Bitte geben Sie Ihre Stadt ein.',
      too_big: 'Bitte verwenden Sie höchstens {max} Zeichen.',
      invalid: 'Bitte geben Sie Ihre Stadt in einer Zeile ein.',
    },
    types: { too_small: 'Bitte wählen Sie mindestens eine Art von Hilfe.', invalid: 'Bitte wählen Sie aus der Liste.' },
    usersCount: { invalid: 'Bitte geben Sie eine ganze Zahl von 1 bis 1.000.000 ein.' },
    description: {
      too_small: 'Bitte schreiben Sie mindestens {min} Zeichen.',
      too_big: 'Bitte verwenden Sie höchstens {max} Zeichen.',
      invalid: 'Die Beschreibung enthält nicht erlaubte Zeichen.',
    },
    preferredLanguage: { invalid: 'Bitte wählen Sie eine Sprache.' },
    consentToShareContacts: { invalid: 'Bitte stimmen Sie zu, damit Partner Sie kontaktieren können.' },
  },
  confirmation: {
    title: 'Vielen Dank, Ihre Anfrage wurde gesendet',
    nextTitle: 'So geht es weiter',
    next1:
      'Zertifizierte Bitrix24-Partner in Ihrem Land sehen Ihre Anfrage, ohne Ihre Kontaktdaten: die am besten bewerteten Partner zuerst.',
    next2:
      'Bis zu {max} von ihnen können sie übernehmen. Sie erhalten Ihre Kontaktdaten und melden sich bei Ihnen, meist innerhalb weniger Werktage.',
    next3: 'Ihr privater Statuslink zeigt, welche Partner Ihre Anfrage übernommen haben, mit deren Kontaktdaten.',
    linkTitle: 'Ihr privater Statuslink',
    linkText:
      'Bewahren Sie diesen Link auf: Er wird nicht per E-Mail verschickt. Wer ihn hat, kann den Status Ihrer Anfrage sehen, sie zurückziehen oder Ihre Kontaktdaten löschen.',
    copy: 'Link kopieren',
    copied: 'Link kopiert.',
    open: 'Statusseite öffnen',
    repeatNote:
      'Haben Sie dieselbe Anfrage in den letzten 30 Tagen schon gesendet, behalten wir nur die erste: Verfolgen Sie sie über den Link von damals.',
    missingTitle: 'Von dieser Seite wurde noch keine Anfrage gesendet',
    missingText: 'Der Statuslink wird einmal angezeigt, direkt nach dem Senden einer Anfrage.',
    another: 'Weitere Anfrage senden',
  },
  status: {
    title: 'Ihre Implementierungsanfrage',
    loading: 'Ihre Anfrage wird geladen…',
    refresh: 'Aktualisieren',
    updatedAt: 'Aktualisiert um {time}',
    noToken:
      'Diese Seite braucht Ihren privaten Statuslink. Bitte öffnen Sie den Link, den Sie nach dem Senden der Anfrage erhalten haben.',
    invalidToken:
      'Dieser Statuslink ist ungültig. Bitte verwenden Sie den vollständigen Link, den Sie nach dem Senden erhalten haben.',
    requestGone: 'Diese Anfrage gibt es nicht mehr.',
    rateLimited:
      'Diese Seite wurde von Ihrer Verbindung aus zu oft geöffnet. Bitte versuchen Sie es in {minutes} Minuten erneut.',
    newRequest: 'Neue Anfrage senden',
    sentOn: 'Gesendet am {date}',
    state: {
      open: 'Offen: Partner in Ihrem Land können sie übernehmen',
      fully_served: 'Geschlossen: {max} Partner haben sie übernommen',
      expired: 'Geschlossen: Die Anfrage ist abgelaufen',
      withdrawn: 'Geschlossen: Sie haben die Anfrage zurückgezogen',
      rejected_spam: 'Vom Bitrix24-Partnerteam geschlossen',
      closed_by_manager: 'Vom Bitrix24-Partnerteam geschlossen',
      under_review: 'Geschlossen, während das Bitrix24-Partnerteam sie prüft',
      erased: 'Geschlossen: Ihre Kontaktdaten wurden gelöscht',
    },
    details: {
      title: 'Ihre Anfrage',
      country: 'Land',
      city: 'Stadt',
      types: 'Was Sie brauchen',
      usersCount: 'Nutzer',
      language: 'Sprache',
      description: 'Beschreibung',
      descriptionNote: 'E-Mail-Adressen, Telefonnummern und Links werden auf dieser Seite ausgeblendet.',
    },
    partners: {
      title: 'Partner, die Ihre Anfrage erhalten haben',
      count: '{taken} von höchstens {max} Partnern',
      empty:
        'Noch hat kein Partner Ihre Anfrage übernommen. Zertifizierte Partner in {country} können sie übernehmen, die am besten bewerteten zuerst; diese Seite prüft jede Minute auf Neuigkeiten.',
      emptyClosed:
        'Kein Partner hat Ihre Anfrage übernommen, und sie ist geschlossen: Kein Partner kann sie mehr übernehmen.',
      emptyUnderReview:
        'Noch hat kein Partner Ihre Anfrage übernommen. Solange das Bitrix24-Partnerteam sie prüft, kann kein Partner sie übernehmen.',
      receivedOn: 'Hat Ihre Anfrage am {date} erhalten',
      released: 'Hat Ihre Anfrage zurückgegeben und sieht Ihre Kontaktdaten nicht mehr.',
      website: 'Website',
      contactPerson: 'Ansprechpartner',
      email: 'E-Mail',
      phone: 'Telefon',
    },
    rating: {
      title: '{name} bewerten',
      opensOn: 'Sie können diesen Partner ab dem {date} bewerten.',
      speed: 'Wie schnell hat der Partner reagiert?',
      quality: 'Wie gut ist der Partner auf Ihre Anforderungen eingegangen?',
      scale: '1 = schlecht, 5 = ausgezeichnet',
      value: '{n} von 5',
      comment: 'Kommentar',
      save: 'Bewertung speichern',
      saved: 'Vielen Dank, Ihre Bewertung wurde gespeichert.',
      current: 'Ihre Bewertung: Schnelligkeit {speed} von 5, Qualität {quality} von 5.',
      choose: 'Bitte wählen Sie für beide Fragen einen Wert.',
      feedback_too_early: 'Dieser Partner kann noch nicht bewertet werden.',
      feedback_partner_not_found: 'Dieser Partner hat Ihre Anfrage nicht erhalten.',
    },
    withdraw: {
      title: 'Anfrage zurückziehen',
      text: 'Kein weiterer Partner kann sie übernehmen. Partner, die sie bereits haben, behalten sie und können Sie weiterhin kontaktieren.',
      button: 'Anfrage zurückziehen',
      confirm: 'Ja, zurückziehen',
      cancel: 'Abbrechen',
      done: 'Ihre Anfrage wurde zurückgezogen.',
    },
    erase: {
      title: 'Meine Kontaktdaten löschen',
      text: 'Wir löschen Ihren Namen, Ihr Unternehmen, Ihre E-Mail-Adresse, Telefonnummer, die Beschreibung und Ihre Bewertungskommentare aus dieser App, und Partner, die Ihre Anfrage übernommen haben, sehen sie nicht mehr. Land, Anfragearten, Daten und Zahlen bleiben als anonyme Statistik erhalten.',
      closesOpen: 'Ihre Anfrage wird dabei geschlossen, sodass kein weiterer Partner sie übernehmen kann.',
      crmNote:
        'Partner, die Ihre Anfrage bereits erhalten haben, können sie in ihr eigenes Bitrix24-CRM übernommen haben. Diese Kopie liegt außerhalb dieser App: Bitte bitten Sie diese Partner direkt, sie zu löschen.',
      button: 'Meine Kontaktdaten löschen',
      confirm: 'Ja, löschen',
      cancel: 'Abbrechen',
      done: 'Ihre Kontaktdaten wurden am {date} gelöscht.',
    },
  },
}
