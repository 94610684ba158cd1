// The groups of one article, loaded once and kept current as any context imports, renames or deletes.
import { useEffect, useState } from 'preact/hooks';
import type { ArticleGroups } from '@/utils/share/format';
import { loadGroups, watchGroups } from '@/utils/share/group-store';

/** null until the first load. */
export function useGroups(articleUrl: string): ArticleGroups | null {
  const [groups, setGroups] = useState<ArticleGroups | null>(null);
  useEffect(() => {
    let live = true;
    loadGroups(articleUrl).then((g) => live && setGroups(g));
    const unwatch = watchGroups(articleUrl, setGroups);
    return () => {
      live = false;
      unwatch();
    };
  }, [articleUrl]);
  return groups;
}
