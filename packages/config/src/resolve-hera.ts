/** The `hera` section resolved: defaults filled in, the logo's file path made absolute. */
import { resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HERA_DEFAULTS as H } from './hera-defaults.ts';
import type { HeraInput } from './input.ts';
import type { OlympusConfig } from './types.ts';

const logoPath = (logo: string | undefined, cwd: string): string => {
  if (!logo) return '';
  // file:///abs/path is a URL; file://relative/path is read relative to the working directory.
  return logo.startsWith('file:///') ? fileURLToPath(logo) : resolvePath(cwd, logo.slice('file://'.length));
};

export const resolveHeraSection = (input: HeraInput | undefined, cwd: string): OlympusConfig['hera'] => ({
  productName: input?.product_name ?? H.productName,
  logo: logoPath(input?.logo, cwd),
  colors: {
    primary: input?.colors?.primary ?? H.colors.primary,
    background: input?.colors?.background ?? H.colors.background,
    text: input?.colors?.text ?? H.colors.text,
  },
  defaultLocale: input?.default_locale ?? H.defaultLocale,
  firstPartyClients: input?.first_party_clients ?? [],
  claims: input?.claims ?? {},
});
