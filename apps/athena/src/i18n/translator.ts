/** Athena's texts in the browser's language (Accept-Language), English or German; `{name}` placeholders. */
import { pageTranslators, type PageTranslator } from '@olympus/http';
import { DE } from './de.ts';
import { EN, type MessageKey } from './en.ts';

export type Locale = 'en' | 'de';
export type Translator = PageTranslator<MessageKey, Locale>;

export const translatorFor = pageTranslators<MessageKey, Locale>({ en: EN, de: DE });
