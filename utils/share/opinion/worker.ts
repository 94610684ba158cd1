// The opinion map off the panel's main thread: a lecture hall's map takes a few hundred
// milliseconds, during which the panel would not answer a click. Loaded by
// components/groups/opinion-map-worker.ts as a module worker; the same pure mapOpinions runs here.
import type { ArticleRecord } from '@/utils/positions/model';
import type { Group } from '../format';
import { mapOpinions } from './index';

export interface OpinionRequest {
  id: number;
  group: Group;
  reader: ArticleRecord | null;
}

self.addEventListener('message', (event: MessageEvent<OpinionRequest>) => {
  const { id, group, reader } = event.data;
  self.postMessage({ id, map: mapOpinions(group, reader) });
});
