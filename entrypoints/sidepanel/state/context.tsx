// The panel's stores, made once per panel with their real dependencies and handed to views through
// one context; views read them with useX() hooks and call their named actions.
import { type ComponentChildren, createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { readPage } from '@/utils/page-bridge';
import * as store from '@/utils/positions/store';
import { indexedDbUnsavedStore } from '@/utils/positions/unsaved';
import { type Announcer, createAnnouncer } from './announcer';
import { type ArticleSession, type ArticleSessionDeps, createArticleSession } from './article-session';
import { createLibraryStore, type LibraryStore } from './library';

export interface PanelStores {
  session: ArticleSession;
  library: LibraryStore;
  announcer: Announcer;
}

/**
 * The stores wired to the browser: the page bridge, the positions store, its clock, IndexedDB.
 * Tests replace only what a fake browser cannot give (reading a page, IndexedDB), so the rest of
 * the wiring they run is the panel's own.
 */
export function createPanelStores(
  overrides: Partial<Pick<ArticleSessionDeps, 'readPage' | 'unsaved'>> = {},
): PanelStores {
  return {
    session: createArticleSession({
      readPage: overrides.readPage ?? readPage,
      loadArticle: store.loadArticle,
      saveArticle: store.saveArticle,
      articleUrlForPage: store.articleUrlForPage,
      rememberPageUrl: store.rememberPageUrl,
      watchArticles: store.watchArticles,
      nextStamp: () => store.nextStamp(),
      unsaved: overrides.unsaved ?? indexedDbUnsavedStore(),
    }),
    library: createLibraryStore({
      listSummaries: store.listSummaries,
      reconcileLibraryIndex: store.reconcileLibraryIndex,
      watchLibraryIndex: store.watchLibraryIndex,
      loadArticle: store.loadArticle,
      saveArticle: store.saveArticle,
      nextStamp: () => store.nextStamp(),
    }),
    announcer: createAnnouncer(),
  };
}

const StoresContext = createContext<PanelStores | null>(null);

export function PanelStoresProvider({
  stores,
  children,
}: {
  stores: PanelStores;
  children: ComponentChildren;
}) {
  return <StoresContext.Provider value={stores}>{children}</StoresContext.Provider>;
}

function useStores(): PanelStores {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error('Panel views must render inside <PanelStoresProvider>');
  return stores;
}

export const useArticleSession = () => useStores().session;
export const useLibrary = () => useStores().library;
export const useAnnouncer = () => useStores().announcer;
