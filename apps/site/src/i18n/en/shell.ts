/** The playground frame's English texts. */
export const SHELL_EN = {
  'shell.product': 'Olympus playground',
  'shell.skip': 'Skip to content',
  'shell.nav': 'Playground',
  'nav.code': 'Authorization code',
  'nav.client_credentials': 'Client credentials',
  'nav.inspect': 'Token inspector',
} as const;
