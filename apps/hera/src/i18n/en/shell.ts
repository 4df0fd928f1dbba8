/** The page frame's texts. */
export const SHELL_EN = {
  'shell.skip': 'Skip to content',
  'shell.home': '{product} home',
  'shell.nav': 'Account',
  'shell.nav.account': 'Account',
  'shell.nav.settings': 'Settings',
  'shell.nav.sessions': 'Devices',
  'shell.nav.signout': 'Sign out',
  'shell.image': 'Image',
} as const;
