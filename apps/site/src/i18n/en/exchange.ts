/** The request/response view's English texts (http-exchange-view.ts). */
export const EXCHANGE_EN = {
  'exchange.label': 'HTTP exchange: {method} {url}',
  'exchange.request': 'Request',
  'exchange.response': 'Response',
  'exchange.status': 'Status',
  'exchange.request_id': 'X-Request-Id:',
  'exchange.trace_athena': 'its trace in Athena',
  'exchange.trace_cli': 'or run',
} as const;
