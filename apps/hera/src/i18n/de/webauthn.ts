/**
 * German texts of passkeys and security keys: Hera's keys, and the passkey and webauthn methods'
 * messages by id (packages/identity/src/strategies/webauthn/messages.ts).
 */
import type { WEBAUTHN_EN } from '../en/webauthn.ts';

export const WEBAUTHN_DE: Record<keyof typeof WEBAUTHN_EN, string> = {
  'webauthn.failed': 'Der Passkey-Dialog wurde geschlossen oder hat nicht funktioniert. Versuchen Sie es erneut oder melden Sie sich anders an.',
  'settings.group.passkey': 'Passkeys',
  'settings.group.webauthn': 'Sicherheitsschlüssel',
};

export const WEBAUTHN_MESSAGES_DE: Readonly<Record<string, string>> = {
  '1010021': 'Mit Passkey anmelden',
  '1010008': 'Sicherheitsschlüssel verwenden',
  '1040007': 'Mit Passkey registrieren',
  '1050012': 'Sicherheitsschlüssel hinzufügen',
  '1050013': 'Name des Sicherheitsschlüssels',
  '1050018': 'Sicherheitsschlüssel „{display_name}“ entfernen',
  '1050019': 'Passkey hinzufügen',
  '1050020': 'Passkey „{display_name}“ entfernen',
  '1050921': 'Name des Passkeys (zum Hinzufügen oder um einen oben aufgeführten umzubenennen)',
  '1050922': '„{display_name}“ umbenennen',
  '1050923': '{display_name} (hinzugefügt am {added_at})',
  '1050924': 'Passkeys und Sicherheitsschlüssel brauchen in diesem Browser JavaScript; alle anderen Anmeldewege funktionieren ohne.',
  '4000015': 'Dieser Passkey oder Sicherheitsschlüssel ist hier bei keinem Konto registriert. Melden Sie sich anders an und fügen Sie ihn dann in Ihren Einstellungen hinzu.',
  '4000950': 'Der Passkey oder Sicherheitsschlüssel konnte nicht geprüft werden: {reason}. Bitte versuchen Sie es erneut.',
  '4000951': 'Dieser Passkey oder Sicherheitsschlüssel hat einen Signaturzähler gemeldet, der nicht gestiegen ist; das geschieht, wenn ein Authenticator kopiert wurde. '
    + 'Er wurde daher abgelehnt. Melden Sie sich anders an und entfernen Sie ihn in Ihren Einstellungen.',
  '4000952': 'Diese Passkey-Antwort wurde bereits verwendet. Bitte versuchen Sie es erneut.',
  '4000953': 'Das ist Ihr einziger Weg, sich anzumelden; fügen Sie ein Passwort, einen weiteren Passkey oder eine Anmeldung über einen Anbieter hinzu, bevor Sie ihn entfernen.',
  '4000954': 'Diesen Passkey oder Sicherheitsschlüssel gibt es bei diesem Konto nicht.',
  '4000955': 'Geben Sie zuerst einen Namen in das Namensfeld ein.',
  '4000956': 'Dieser Passkey oder Sicherheitsschlüssel ist bereits registriert.',
};
