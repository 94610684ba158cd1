// Bundle sizes of the Chrome production build, against the budgets npm test enforces.
import { join } from 'node:path';
import { measureSizes } from '../lib/sizes.mjs';

export async function run({ root }) {
  const sizes = measureSizes(join(root, '.output', 'chrome-mv3'));
  return {
    'size.sidepanel_gzip_bytes': sizes.sidepanel_gzip_bytes,
    'size.extractor_gzip_bytes': sizes.extractor_gzip_bytes,
    'size.every_page_bytes': sizes.every_page_bytes,
  };
}
