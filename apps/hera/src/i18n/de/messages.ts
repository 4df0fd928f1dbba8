/**
 * German texts of the identity server's messages, by Kratos message id (packages/identity/src/ui/
 * messages.ts). `{name}` placeholders are filled from the message's `context` and only from there:
 * where the English text is computed from values the context does not carry (the minutes of an
 * expired form), the German text does without them. `{reason}` and `{property}` carry what the
 * server wrote (English reasons, property names), so the texts around them stay neutral.
 */
export const MESSAGES_DE: Readonly<Record<string, string>> = {
  // Login (1010xxx)
  '1010001': 'Anmelden',
  '1010002': 'Mit {provider} anmelden',
  '1010003': 'Bitte bestätigen Sie, dass Sie es sind, um fortzufahren.',
  '1010004': 'Bitte schließen Sie den zweiten Anmeldeschritt ab.',
  '1010006': 'Code aus der Authenticator-App',
  '1010007': 'Wiederherstellungscode',
  '1010009': 'Authenticator-App verwenden',
  '1010010': 'Wiederherstellungscode verwenden',
  '1010013': 'Weiter',
  '1010014': 'Wir haben einen Anmeldecode an die eingegebene Adresse geschickt. Falls er nicht ankommt, prüfen Sie die Adresse und Ihren Spam-Ordner.',
  '1010015': 'Anmeldecode senden',
  '1010022': 'Mit Passwort anmelden',

  // Registration (1040xxx)
  '1040001': 'Registrieren',
  '1040002': 'Mit {provider} registrieren',
  '1040003': 'Weiter',
  '1040005': 'Wir haben einen Registrierungscode an die eingegebene Adresse geschickt.',
  '1040006': 'Registrierungscode senden',

  // Settings (1050xxx)
  '1050001': 'Ihre Änderungen wurden gespeichert.',
  '1050004': 'Authenticator-App entfernen',
  '1050005': 'QR-Code für Ihre Authenticator-App',
  '1050006': '{secret}',
  '1050007': 'Wiederherstellungscodes anzeigen',
  '1050008': 'Neue Wiederherstellungscodes erstellen',
  '1050009': '{secret}',
  '1050010': 'Bewahren Sie diese Wiederherstellungscodes sicher auf: Mit jedem können Sie sich einmal anmelden, falls Sie Ihren zweiten Faktor verlieren.',
  '1050011': 'Ich habe meine Wiederherstellungscodes gespeichert',
  '1050014': 'Verwendet am {used_at}',
  '1050015': '{secrets}',
  '1050016': 'Wiederherstellungscodes entfernen',
  '1050017': 'Falls Sie den QR-Code nicht scannen können, geben Sie diesen Schlüssel in Ihrer Authenticator-App ein.',

  // Recovery (1060xxx)
  '1060001': 'Ihr Konto ist wiederhergestellt. Legen Sie jetzt ein neues Passwort fest; bis {privileged_session_expires_at} geht das ohne erneute Anmeldung.',
  '1060003': 'Falls ein Konto diese Adresse verwendet, ist ein Wiederherstellungscode dorthin unterwegs. Nichts angekommen? Prüfen Sie die Schreibweise und verwenden Sie die Adresse, mit der Sie sich registriert haben.',

  // Node labels (1070xxx)
  '1070001': 'Passwort',
  '1070002': '{title}',
  '1070003': 'Speichern',
  '1070004': 'Kennung',
  '1070005': 'Absenden',
  '1070006': 'Code prüfen',
  '1070007': 'E-Mail-Adresse',
  '1070008': 'Code erneut senden',
  '1070009': 'Weiter',
  '1070010': 'Wiederherstellungscode',
  '1070011': 'Bestätigungscode',
  '1070012': 'Registrierungscode',
  '1070013': 'Anmeldecode',

  // Verification (1080xxx)
  '1080001': 'Falls diese Adresse zu einem Konto gehört, ist eine Bestätigungsnachricht dorthin unterwegs.',
  '1080002': 'Ihre E-Mail-Adresse ist bestätigt.',
  '1080003': 'Falls diese Adresse zu einem Konto gehört, ist ein Bestätigungscode dorthin unterwegs. Geben Sie ihn unten ein.',

  // Validation errors (4000xxx)
  '4000001': '{reason}',
  '4000002': 'Bitte füllen Sie das Feld „{property}“ aus.',
  '4000003': 'Verwenden Sie mindestens {min_length} Zeichen (bisher sind es {actual_length}).',
  '4000004': '„{value}“ ist kein gültiger Wert im Format „{format}“.',
  '4000005': 'Dieses Passwort kann nicht verwendet werden ({reason}).',
  '4000006': 'Diese Zugangsdaten sind ungültig. Prüfen Sie die Schreibweise Ihres Passworts und Ihres Benutzernamens, Ihrer E-Mail-Adresse oder Telefonnummer.',
  '4000007': 'Es gibt bereits ein Konto mit dieser Kennung (E-Mail-Adresse, Telefonnummer, Benutzername …).',
  '4000027': 'Es gibt bereits ein Konto mit dieser Kennung (E-Mail-Adresse, Telefonnummer, Benutzername …). Melden Sie sich bei diesem Konto so an wie bisher; danach wird Ihr {provider}-Konto damit verknüpft.',
  '4000008': 'Dieser Authentifizierungscode ist ungültig. Bitte versuchen Sie es erneut.',
  '4000009': 'Das Identitätsschema kennzeichnet kein Merkmal als Anmeldekennung, daher kann kein Passwort festgelegt werden. Das ist ein Konfigurationsfehler des Servers.',
  '4000010': 'Dieses Konto hat noch keine bestätigte Adresse. Bestätigen Sie zuerst eine Adresse.',
  '4000011': 'Für dieses Konto ist keine Authenticator-App eingerichtet.',
  '4000012': 'Dieser Wiederherstellungscode wurde bereits verwendet.',
  '4000014': 'Für dieses Konto sind keine Wiederherstellungscodes eingerichtet.',
  '4000016': 'Dieser Wiederherstellungscode ist ungültig.',
  '4000017': 'Verwenden Sie höchstens {max_length} Zeichen (bisher sind es {actual_length}).',
  '4000026': 'Erwartet wurde der Typ {allowed_types}, erhalten: {actual_type}.',
  '4000031': 'Dieses Passwort ähnelt Ihrer Kennung zu sehr. Wählen Sie eines, das ihr nicht gleicht.',
  '4000032': 'Das Passwort muss mindestens {min_length} Zeichen lang sein; dieses hat {actual_length}.',
  '4000033': 'Das Passwort darf höchstens {max_length} Byte lang sein; dieses hat {actual_length}.',
  '4000034': 'Dieses Passwort steht auf Listen häufiger oder geleakter Passwörter, die Angreifer zuerst ausprobieren. Wählen Sie ein anderes.',
  '4000039': 'Das neue Passwort muss sich vom bisherigen unterscheiden.',
  '4000901': 'Zu viele Anfragen. Warten Sie {retry_after_seconds} Sek. und versuchen Sie es dann erneut.',

  // Login errors (4010xxx)
  '4010001': 'Dieses Anmeldeformular ist abgelaufen. Bitte beginnen Sie erneut.',
  '4010002': 'Keine Anmeldemethode passt zu diesem Formular. Haben Sie alle Felder ausgefüllt?',
  '4010003': 'Keine Registrierungsmethode passt zu diesem Formular. Haben Sie alle Felder ausgefüllt?',
  '4010004': 'Keine Einstellungsmethode passt zu diesem Formular. Haben Sie alle Felder ausgefüllt?',
  '4010005': 'Keine Wiederherstellungsmethode passt zu diesem Formular.',
  '4010006': 'Keine Bestätigungsmethode passt zu diesem Formular.',
  '4010007': 'Diese Anmeldung ist bereits abgeschlossen und kann nicht erneut abgesendet werden.',
  '4010008': 'Dieser Anmeldecode ist ungültig oder wurde bereits verwendet. Bitte versuchen Sie es erneut.',
  '4010011': 'Dieses Konto ist deaktiviert. Bitte wenden Sie sich an den Support.',
  '4010901': 'Zu viele erfolglose Anmeldeversuche. Warten Sie höchstens {retry_within_minutes} Min. und versuchen Sie es dann erneut, oder stellen Sie Ihr Konto wieder her.',

  // Registration, settings, recovery, verification errors (404xxxx–407xxxx)
  '4040001': 'Dieses Registrierungsformular ist abgelaufen. Bitte beginnen Sie erneut.',
  '4040002': 'Diese Registrierung ist bereits abgeschlossen und kann nicht erneut abgesendet werden.',
  '4040003': 'Dieser Registrierungscode ist ungültig oder wurde bereits verwendet. Bitte versuchen Sie es erneut.',
  '4050001': 'Dieses Einstellungsformular ist abgelaufen. Bitte beginnen Sie erneut.',
  '4060001': 'Diese Wiederherstellung ist bereits abgeschlossen und kann nicht erneut abgesendet werden.',
  '4060002': 'Diese Wiederherstellung kann nicht fortgesetzt werden. Bitte beginnen Sie erneut.',
  '4060004': 'Dieser Wiederherstellungslink ist ungültig oder wurde bereits verwendet. Bitte beginnen Sie erneut.',
  '4060005': 'Dieses Wiederherstellungsformular ist abgelaufen. Bitte beginnen Sie erneut.',
  '4060006': 'Dieser Wiederherstellungscode ist ungültig oder wurde bereits verwendet. Bitte versuchen Sie es erneut.',
  '4070001': 'Dieser Bestätigungslink ist ungültig oder wurde bereits verwendet. Bitte beginnen Sie erneut.',
  '4070002': 'Diese Bestätigung ist bereits abgeschlossen und kann nicht erneut abgesendet werden.',
  '4070003': 'Diese Bestätigung kann nicht fortgesetzt werden. Bitte beginnen Sie erneut.',
  '4070005': 'Dieses Bestätigungsformular ist abgelaufen. Bitte beginnen Sie erneut.',
  '4070006': 'Dieser Bestätigungscode ist ungültig oder wurde bereits verwendet. Bitte versuchen Sie es erneut.',

  // System (5000xxx)
  '5000001': '{reason}',
};
