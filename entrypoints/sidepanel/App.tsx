// The panel: the article beside it, My debates, and the settings; it follows the reader's tab.
import { useEffect, useState } from 'preact/hooks';
import { type MessageKey, t } from '@/utils/i18n';
import { onStanceMessage } from '@/utils/messages';
import { isPinnedToTab, resolveTargetTab } from '@/utils/page-bridge';
import { pendingPassageItem } from '@/utils/storage';
import type { ArticleSession } from './state/article-session';
import { useAnnouncer, useArticleSession, useLibrary } from './state/context';
import { ArticleView } from './views/ArticleView';
// The later views are separate chunks (README: budgets), fetched once the first view has painted.
import { GroupPage, LibraryView, prefetchViewsWhenIdle, SettingsView } from './views/lazy';

type View = 'article' | 'group' | 'library' | 'settings';
const VIEWS: [View, MessageKey][] = [
  ['article', 'navArticle'],
  ['group', 'navGroup'],
  ['library', 'navLibrary'],
  ['settings', 'navSettings'],
];

/** Host access to every page, asked for only on the reader's click, to follow them across tabs. */
const FOLLOW_TABS = { origins: ['<all_urls>'] };

export interface AppProps {
  /** The tab was opened before the first render (main.tsx), so its saved positions paint at once. */
  tabOpened: boolean;
}

export function App({ tabOpened }: AppProps) {
  const [view, setView] = useState<View>('article');
  // Set when the article view's "Share these questions with a class" opened the Group page.
  const [packFocus, setPackFocus] = useState(false);
  const session = useArticleSession();
  const library = useLibrary();
  const { announcement } = useAnnouncer();

  useEffect(() => {
    if (!tabOpened) {
      void resolveTargetTab().then((target) => {
        if (target) void session.openTab(target);
      });
    }
    const stopStore = session.followStoreChanges();
    const stopTabs = followTabs(session);
    const stopClicks = onStanceMessage((message) => {
      if (message.type === 'toolbar-clicked') void readClickedTab(session, message.tabId, message.windowId);
    });
    const stopPassages = pendingPassageItem.watch(() => void takePendingPassage(session));
    const flushOnHide = () => {
      if (document.visibilityState === 'hidden') void session.flushSave();
    };
    document.addEventListener('visibilitychange', flushOnHide);
    window.addEventListener('pagehide', flushOnHide);
    return () => {
      stopStore();
      stopTabs();
      stopClicks();
      stopPassages();
      document.removeEventListener('visibilitychange', flushOnHide);
      window.removeEventListener('pagehide', flushOnHide);
    };
  }, [tabOpened, session]);

  // A passage picked before the page was read waits until the article is known.
  const status = session.page.value.status;
  useEffect(() => {
    if (status === 'ready') void takePendingPassage(session);
  }, [status, session]);

  useEffect(() => {
    if (view === 'library') void library.openLibrary();
  }, [view, library]);

  useEffect(prefetchViewsWhenIdle, []);

  return (
    <div class="panel">
      <nav aria-label={t('panelNav')} class="nav">
        {VIEWS.map(([name, label]) => (
          <button
            key={name}
            type="button"
            aria-current={view === name ? 'page' : undefined}
            onClick={() => setView(name)}
          >
            {t(label)}
          </button>
        ))}
      </nav>
      <main>
        {view === 'article' && (
          <ArticleView
            onGrantFollow={isPinnedToTab() ? undefined : () => grantFollowTabs(session)}
            onOpenPack={() => {
              setPackFocus(true);
              setView('group');
            }}
          />
        )}
        {view === 'group' && <GroupPage focusPack={packFocus} onPackFocused={() => setPackFocus(false)} />}
        {view === 'library' && <LibraryView />}
        {view === 'settings' && <SettingsView />}
      </main>
      <div class="visually-hidden" role="status" aria-live="polite">
        {announcement.value}
      </div>
    </div>
  );
}

function grantFollowTabs(session: ArticleSession) {
  // Must run inside the click: permission prompts need the user's gesture.
  void browser.permissions.request(FOLLOW_TABS).then((granted) => {
    if (granted) void session.reread();
  });
}

/**
 * The reader clicked Stance's toolbar button: the click granted access to that tab, so read it now,
 * if it is the tab this panel is beside (its window's active tab, or the tab a pinned panel follows).
 */
async function readClickedTab(session: ArticleSession, tabId: number, windowId?: number) {
  const current = session.tab.value;
  if (
    isPinnedToTab()
      ? current?.tabId !== tabId
      : current && windowId !== undefined && current.windowId !== windowId
  ) {
    return;
  }
  const target = await resolveTargetTab();
  if (target?.tabId === tabId) await session.openTab(target);
}

/** Re-read when the reader switches tabs (unless pinned) or the page navigates, SPA included. */
function followTabs(session: ArticleSession): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const rereadSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      void resolveTargetTab().then((target) => {
        if (target) void session.openTab(target);
      });
    }, 250);
  };
  const onActivated = (info: { tabId: number; windowId: number }) => {
    if (!isPinnedToTab() && info.windowId === session.tab.value?.windowId) rereadSoon();
  };
  const onUpdated = (tabId: number, change: { status?: string; url?: string }) => {
    if (tabId === session.tab.value?.tabId && (change.url || change.status === 'complete')) rereadSoon();
  };
  browser.tabs.onActivated.addListener(onActivated);
  browser.tabs.onUpdated.addListener(onUpdated);
  return () => {
    clearTimeout(timer);
    browser.tabs.onActivated.removeListener(onActivated);
    browser.tabs.onUpdated.removeListener(onUpdated);
  };
}

async function takePendingPassage(session: ArticleSession) {
  const pending = await pendingPassageItem.getValue();
  if (!pending || pending.tabId !== session.tab.value?.tabId || session.page.value.status !== 'ready') return;
  await pendingPassageItem.setValue(null);
  session.addPassage(pending.text);
}
