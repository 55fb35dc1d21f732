/** Messages every entry needs: API error codes (see useApiError) and language names for switchers. */
const en = {
  language: { en: 'English', de: 'Deutsch', es: 'Español', label: 'Language' },
  errors: {
    not_found: 'We could not find what you were looking for.',
    validation_failed: 'Some of the data is not valid. Please check the highlighted fields.',
    rate_limited: 'Too many requests. Please wait a moment and try again.',
    rate_limited_retry: 'Too many requests. Please try again in {seconds} seconds.',
    internal_error: 'Something went wrong on our side. Please try again later.',
    service_unavailable: 'The service is temporarily unavailable. Please try again in a few minutes.',
    network_error: 'No connection to the server. Check your internet connection and try again.',
    invalid_response: 'The server sent an answer this page does not understand. Please reload the page.',
    unknown: 'Something went wrong (error code: {code}).',
  },
}
export type CommonMessages = typeof en

const de: CommonMessages = {
  language: { en: 'English', de: 'Deutsch', es: 'Español', label: 'Sprache' },
  errors: {
    not_found: 'Wir konnten das Gesuchte nicht finden.',
    validation_failed: 'Einige Angaben sind ungültig. Bitte prüfen Sie die markierten Felder.',
    rate_limited: 'Zu viele Anfragen. Bitte warten Sie einen Moment und versuchen Sie es erneut.',
    rate_limited_retry: 'Zu viele Anfragen. Bitte versuchen Sie es in {seconds} Sekunden erneut.',
    internal_error: 'Bei uns ist ein Fehler aufgetreten. Bitte versuchen Sie es später erneut.',
    service_unavailable:
      'Der Dienst ist vorübergehend nicht erreichbar. Bitte versuchen Sie es in einigen Minuten erneut.',
    network_error: 'Keine Verbindung zum Server. Prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut.',
    invalid_response:
      'Der Server hat eine Antwort gesendet, die diese Seite nicht versteht. Bitte laden Sie die Seite neu.',
    unknown: 'Etwas ist schiefgelaufen (Fehlercode: {code}).',
  },
}

const es: CommonMessages = {
  language: { en: 'English', de: 'Deutsch', es: 'Español', label: 'Idioma' },
  errors: {
    not_found: 'No hemos encontrado lo que busca.',
    validation_failed: 'Algunos datos no son válidos. Revise los campos marcados.',
    rate_limited: 'Demasiadas solicitudes. Espere un momento y vuelva a intentarlo.',
    rate_limited_retry: 'Demasiadas solicitudes. Vuelva a intentarlo dentro de {seconds} segundos.',
    internal_error: 'Se ha producido un error en nuestro sistema. Inténtelo de nuevo más tarde.',
    service_unavailable: 'El servicio no está disponible temporalmente. Inténtelo de nuevo en unos minutos.',
    network_error: 'No hay conexión con el servidor. Compruebe su conexión a internet e inténtelo de nuevo.',
    invalid_response: 'El servidor envió una respuesta que esta página no entiende. Vuelva a cargar la página.',
    unknown: 'Algo ha fallado (código de error: {code}).',
  },
}

export const commonMessages = { en, de, es }
