/**
 * A message in English and Chinese as one string, for the places that take a single
 * message (a zod check, a field problem). The API answers each caller in their language
 * (`Accept-Language: zh…` for Chinese) by taking one half with `inLanguage`.
 */
const separator = '\u001f'; // ASCII "unit separator": never part of a message

export const bilingual = (en: string, zh: string): string => `${en}${separator}${zh}`;

export function inLanguage(message: string, chinese: boolean): string {
  const at = message.indexOf(separator);
  if (at < 0) return message;
  return chinese ? message.slice(at + separator.length) : message.slice(0, at);
}
