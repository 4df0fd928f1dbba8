/**
 * German texts of social sign-in in settings and of provider traits to complete, by message id
 * (packages/identity/src/strategies/oidc/messages.ts and mapping-errors.ts); `{provider}` is the provider's label.
 */
export const OIDC_MESSAGES_DE: Readonly<Record<string, string>> = {
  '1050002': '{provider} verknüpfen',
  '1050003': 'Verknüpfung mit {provider} aufheben',
  '4000960': 'Dieses {provider}-Konto ist hier bereits mit einem anderen Konto verknüpft. Melden Sie sich damit an und heben Sie die Verknüpfung dort zuerst auf, oder verknüpfen Sie ein anderes.',
  '4000961': '{provider} ist nicht mit diesem Konto verknüpft.',
  '4000962': '{provider} ist bereits mit diesem Konto verknüpft.',
  '4000963': 'Es ist kein Anmeldeanbieter „{provider}“ eingerichtet.',
  '4000964': '{provider} hat nicht alles geliefert, was dieses Konto braucht. Prüfen Sie die Felder unten und fahren Sie fort.',
  '4000965': 'Dieses {provider}-Konto kann sich hier nicht anmelden. Verwenden Sie ein anderes Konto oder eine andere Anmeldeart.',
  '4000966': 'Die Anmeldung mit {provider} ist fehlgeschlagen: Die Angaben des Kontos konnten nicht gelesen werden. Versuchen Sie eine andere Anmeldeart oder wenden Sie sich an die Administration.',
};
