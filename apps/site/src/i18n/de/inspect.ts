/** Die deutschen Texte der Token-Prüfung (apps/site/src/inspect). */
import type { INSPECT_EN } from '../en/inspect.ts';

export const INSPECT_DE: Record<keyof typeof INSPECT_EN, string> = {
  'inspect.title': 'Token-Prüfung',
  'inspect.intro': 'Fügen Sie ein JWT ein: es wird hier, auf diesem Server, entschlüsselt und gegen seine eigenen veröffentlichten Schlüssel geprüft (nichts verlässt diesen Origin; das Token wird weder protokolliert noch gespeichert). Die Schlüssel:',
  'inspect.token': 'JWT (ID-Token oder JWT-Access-Token)',
  'inspect.token.hint': 'Drei base64url-Teile, durch Punkte getrennt. Ein opakes ory_at_…-Token lässt sich nur per Introspection prüfen.',
  'inspect.submit': 'Prüfen',
  'inspect.empty': 'Fügen Sie zuerst ein Token ein.',
  'inspect.kind.id_token': 'Sieht aus wie ein ID-Token',
  'inspect.kind.access_token': 'Sieht aus wie ein JWT-Access-Token',
  'inspect.kind.jwt': 'JWT',
  'inspect.kind.opaque': 'Opakes Token',
};
