// Injected on demand (scripting.executeScript under activeTab) when the panel asks:
// never listed in the manifest, so pages where Stance is not opened pay nothing.
import { extractFromDocument } from '@/utils/extract';

export default defineContentScript({
  registration: 'runtime',
  matches: [],
  main() {
    return extractFromDocument(document, location.href);
  },
});
