/** Texts of the logout page and the account's sign-out answer. */
export const LOGOUT_EN = {
  'logout.title': 'Sign out',
  'logout.heading.client': 'Sign out of {client}?',
  'logout.heading': 'Sign out?',
  'logout.explain': 'You will also be signed out of {product} in this browser.',
  'logout.yes': 'Yes, sign out',
  'logout.no': 'No, stay signed in',
  'logout.forbidden.title': 'Sign-out refused',
  'logout.forbidden.heading': 'This sign-out form cannot be used',
  'logout.forbidden.text': 'The form has expired or was not sent from this browser. Nothing was changed: you are still signed in.',
  'logout.forbidden.back': 'Back to your account',
} as const;
