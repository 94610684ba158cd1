// "Debate this passage": the background receives the context-menu click, the panel adds the
// passage as a claim. A small storage item carries it between them, so it survives the panel
// opening only after the click.
// The item itself is declared with every other in utils/storage.ts (pendingPassageItem).

/** Passages longer than this are cut: a claim is a sentence or two, not a page. */
export const MAX_PASSAGE_CHARS = 600;

export function cleanPassage(selection: string): string {
  const text = selection.replace(/\s+/g, ' ').trim();
  return text.length > MAX_PASSAGE_CHARS ? `${text.slice(0, MAX_PASSAGE_CHARS - 1)}…` : text;
}
