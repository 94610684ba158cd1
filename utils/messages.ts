// The one typed protocol between Stance's contexts. The background tells open panels that the
// reader clicked the toolbar button on a tab: the click just granted `activeTab` there, so a panel
// that could not read that tab (a new site in the same tab, another tab) reads it now.

export type StanceMessage = { type: 'toolbar-clicked'; tabId: number; windowId?: number };

export function isStanceMessage(value: unknown): value is StanceMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Partial<StanceMessage>;
  return message.type === 'toolbar-clicked' && Number.isInteger(message.tabId);
}

/** Sends to every open extension page; "no receiver" (no panel open yet) is expected, not an error. */
export function broadcast(message: StanceMessage): void {
  browser.runtime.sendMessage(message).catch(() => {});
}

/** Calls back for each Stance message reaching this context; returns the unsubscribe. */
export function onStanceMessage(listener: (message: StanceMessage) => void): () => void {
  const handler = (value: unknown) => {
    if (isStanceMessage(value)) listener(value);
  };
  browser.runtime.onMessage.addListener(handler);
  return () => browser.runtime.onMessage.removeListener(handler);
}
