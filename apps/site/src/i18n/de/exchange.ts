/** Die deutschen Texte der Anfrage-/Antwort-Ansicht (http-exchange-view.ts). */
import type { EXCHANGE_EN } from '../en/exchange.ts';

export const EXCHANGE_DE: Record<keyof typeof EXCHANGE_EN, string> = {
  'exchange.label': 'HTTP-Austausch: {method} {url}',
  'exchange.request': 'Anfrage',
  'exchange.response': 'Antwort',
  'exchange.status': 'Status',
  'exchange.request_id': 'X-Request-Id:',
  'exchange.trace_athena': 'sein Trace in Athena',
  'exchange.trace_cli': 'oder ausführen:',
};
