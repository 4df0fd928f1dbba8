/**
 * German texts of the identity server's messages, by Kratos message id (packages/identity/src/ui/
 * messages.ts). `{name}` placeholders are filled from the message's `context`; an id missing here is
 * shown in the server's English.
 */
export const MESSAGES_DE: Readonly<Record<string, string>> = {
  '1010001': 'Anmelden',
  '1070001': 'Passwort',
  '1070004': 'ID',
  '1070007': 'E-Mail',
  '4000006': 'Diese Zugangsdaten sind ungültig. Prüfen Sie die Schreibweise Ihres Passworts und Ihres Benutzernamens, Ihrer E-Mail-Adresse oder Telefonnummer.',
};
