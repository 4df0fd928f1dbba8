/** Defaults of the `hera` section. The colours pass WCAG AA contrast with each other (axe-core checks the pages). */
import { PRODUCT_NAME } from './identity-defaults.ts';

export const HERA_LOCALES = ['en', 'de'] as const;
export type HeraLocale = (typeof HERA_LOCALES)[number];

export const HERA_DEFAULTS = {
  productName: PRODUCT_NAME,
  colors: { primary: '#1d4ed8', background: '#ffffff', text: '#1f2328' },
  defaultLocale: 'en' as HeraLocale,
} as const;
