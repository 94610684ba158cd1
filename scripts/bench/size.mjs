// Bundle sizes of the Chrome production build, against the budgets npm test enforces.
import { join } from 'node:path';
import { measureSizes } from '../lib/sizes.mjs';

export async function run({ root, outputDir = join(root, '.output') }) {
  const sizes = measureSizes(join(outputDir, 'chrome-mv3'));
  return {
    'size.sidepanel_first_view_gzip_bytes': sizes.sidepanel_first_view_gzip_bytes,
    'size.sidepanel_all_gzip_bytes': sizes.sidepanel_all_gzip_bytes,
    'size.extractor_gzip_bytes': sizes.extractor_gzip_bytes,
    'size.every_page_bytes': sizes.every_page_bytes,
  };
}
