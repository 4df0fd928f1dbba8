/**
 * The built-in claim → trait-path mapping, good for the default identity schema (`email`,
 * `name.first`/`name.last`) and for the usual shapes of other schemas (`name` as a string, `phone`,
 * `address`). Per claim, the first path present in the traits wins; `hera.claims[schemaId]` replaces
 * a claim's paths with its single configured one.
 */
export type ClaimPaths = Readonly<Record<string, readonly string[]>>;

export const BUILT_IN_CLAIM_PATHS: ClaimPaths = {
  email: ['email'],
  name: ['name'],
  given_name: ['name.first', 'name.given', 'given_name', 'first_name'],
  family_name: ['name.last', 'name.family', 'family_name', 'last_name'],
  middle_name: ['name.middle', 'middle_name'],
  nickname: ['nickname'],
  preferred_username: ['preferred_username', 'username'],
  profile: ['profile', 'profile_url'],
  picture: ['picture', 'avatar'],
  website: ['website'],
  gender: ['gender'],
  birthdate: ['birthdate'],
  zoneinfo: ['zoneinfo', 'timezone'],
  locale: ['locale'],
  updated_at: ['updated_at'],
  phone_number: ['phone', 'phone_number'],
  address: ['address'],
};

/** `hera.claims[schemaId]` (claim → one trait path) merged over the built-in paths. */
export const claimPathsFor = (schemaId: string, configured: Readonly<Record<string, Readonly<Record<string, string>>>>): ClaimPaths => {
  const overrides = configured[schemaId] ?? {};
  return { ...BUILT_IN_CLAIM_PATHS, ...Object.fromEntries(Object.entries(overrides).map(([claim, path]) => [claim, [path]])) };
};
