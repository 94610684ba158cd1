// Injected on demand (scripting.executeScript under activeTab) when the panel asks:
// never listed in the manifest, so pages where Stance is not opened pay nothing.
import { extractFromDocument } from '@/utils/extract';
import type { ExtractionResult } from '@/utils/extract/types';

export default defineContentScript({
  registration: 'runtime',
  matches: [],
  main(): ExtractionResult {
    try {
      return extractFromDocument(document, location.href);
    } catch {
      // A hostile or exotic page must not leave an error in the reader's console: the panel says it.
      return { ok: false, reason: 'failed' };
    }
  },
});
