// Imported and page text placed into Markdown as literal text: every character Markdown (or HTML
// inside Markdown) would interpret is escaped, so a pasted summary cannot carry links, images or tags.

const SPECIAL = /[\\`*_{}[\]()<>#+\-.!|~&]/g;

/** One line of literal text; newlines become spaces. */
export function markdownInline(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(SPECIAL, '\\$&');
}

/** Several lines of literal text, each behind `prefix` (e.g. a blockquote's '> '). */
export function markdownBlock(text: string, prefix: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => `${prefix}${line.trim().replace(SPECIAL, '\\$&')}`.trimEnd())
    .join('\n');
}
