/** What each requested scope means, in plain words for the consent screen. */
const DESCRIPTIONS: Record<string, string> = {
  openid: 'Confirm who you are',
  profile: 'See your name',
  email: 'See your email address',
  phone: 'See your phone number',
  address: 'See your postal address',
  offline_access: 'Stay connected when you are not using it',
};

export const describeScope = (scope: string): string => DESCRIPTIONS[scope] ?? `Access "${scope}"`;
