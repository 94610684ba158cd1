// The views opened after the first one (Group, My debates, Settings) load as their own chunks, so
// the article view paints sooner; they are fetched when the panel is idle after its first paint,
// so switching to them is instant. A plain loading state covers a switch before that, and a
// failed load (the extension updated under an open panel) offers to try again.
import type { ComponentType, FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';

export interface LazyView<P> extends FunctionComponent<P> {
  /** Starts loading the view's chunk (once); resolves when it is ready. */
  load: () => Promise<ComponentType<P>>;
}

/** A component that renders `importer`'s view once its chunk has loaded. */
export function lazyView<P extends object>(importer: () => Promise<ComponentType<P>>): LazyView<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const load = () => {
    loading ??= importer().then(
      (view) => {
        loaded = view;
        return view;
      },
      (error: unknown) => {
        loading = null; // a later attempt may succeed
        throw error;
      },
    );
    return loading;
  };
  const View = (props: P) => {
    const [, setReady] = useState(false);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (loaded || failed) return;
      let live = true;
      load().then(
        () => live && setReady(true),
        (error: unknown) => {
          console.error('Stance could not load a view', error);
          if (live) setFailed(true);
        },
      );
      return () => {
        live = false;
      };
    }, [failed]);
    const Loaded = loaded;
    if (Loaded) return <Loaded {...props} />;
    if (failed) {
      return (
        <div class="state" role="alert">
          <p>{t('viewLoadFailed')}</p>
          <button type="button" onClick={() => setFailed(false)}>
            {t('retry')}
          </button>
        </div>
      );
    }
    return (
      <p class="state" role="status">
        {t('viewLoading')}
      </p>
    );
  };
  return Object.assign(View, { load });
}

export const GroupPage = lazyView(() => import('./GroupPage').then((m) => m.GroupPage));
export const LibraryView = lazyView(() => import('./LibraryView').then((m) => m.LibraryView));
export const SettingsView = lazyView(() => import('./SettingsView').then((m) => m.SettingsView));

/**
 * Fetches every later view once the panel is idle after its first paint (an effect runs after
 * it), so a tab switch never waits on the network of the extension's own files.
 */
export function prefetchViewsWhenIdle(): () => void {
  const prefetch = () => {
    for (const view of [GroupPage, LibraryView, SettingsView]) view.load().catch(() => {});
  };
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(prefetch, { timeout: 2000 });
    return () => cancelIdleCallback(id);
  }
  const timer = setTimeout(prefetch, 200);
  return () => clearTimeout(timer);
}
