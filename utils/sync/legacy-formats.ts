// The sync formats Stance wrote before format 4, read only: an area an earlier version wrote is
// decoded, merged, and replaced by this version's next write. Formats 2 and 3 are deflate with
// the preset dictionary (DEFLATE_DICTIONARY) of one JSON array of entries, in 8 buckets b0–b7;
// format 3 adds the compact tier's placeholders.
// They can go after 2027-12-01 (a year after format 4 replaced them): any device that has run a
// format-4 version since has rewritten them; an item left after that date would read as damaged
// and be replaced, its articles still in the storage.local of the devices that wrote them.
import { inflateSync } from 'fflate';
import { DEFLATE_DICTIONARY } from './dictionary';

/** Format 2: base85(deflate(JSON array of entries, DEFLATE_DICTIONARY)). */
const FORMAT_ENTRIES = '2';
/** Format 3: format 2 whose questions may also be page questions without their snapshot. */
const FORMAT_COMPACT = '3';

export function isLegacyFormat(format: string): boolean {
  return format === FORMAT_ENTRIES || format === FORMAT_COMPACT;
}

/** The entries' layouts in a format-2 or -3 payload (its bytes, base85 already undone); throws if none. */
export function legacyLayouts(bytes: Uint8Array): unknown[] {
  const json = new TextDecoder('utf-8', { fatal: true }).decode(
    inflateSync(bytes, { dictionary: DEFLATE_DICTIONARY }),
  );
  const layouts: unknown = JSON.parse(json);
  if (!Array.isArray(layouts)) throw new Error('expected an array');
  return layouts;
}

/**
 * How many fields a placeholder question has in that format, or -1: format 2 has no compact tier;
 * format 3 writes [id, kind, form type, order, ...data] (format 4 adds the wording hint).
 */
export function legacyPlaceholderFields(format: string): number {
  return format === FORMAT_COMPACT ? 9 : -1;
}
