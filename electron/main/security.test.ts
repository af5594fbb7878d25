import { describe, expect, it } from 'vitest';
import { hardenSession, hardenWebContents, type NavigationEvent, type SessionLike, type WebContentsLike } from './security.ts';

type RequestHandler = Parameters<SessionLike['setPermissionRequestHandler']>[0];
type CheckHandler = Parameters<SessionLike['setPermissionCheckHandler']>[0];
type OpenHandler = Parameters<WebContentsLike['setWindowOpenHandler']>[0];

const fakeSession = () => {
  const handlers: { request?: RequestHandler; check?: CheckHandler } = {};
  const session: SessionLike = {
    setPermissionRequestHandler: (handler) => void (handlers.request = handler),
    setPermissionCheckHandler: (handler) => void (handlers.check = handler),
  };
  return { session, handlers };
};

const fakeContents = () => {
  const listeners = new Map<string, (event: NavigationEvent, url?: string) => void>();
  let openHandler: OpenHandler | undefined;
  const contents: WebContentsLike = {
    on: (event: string, listener: (event: NavigationEvent, url: string) => void) => {
      listeners.set(event, (navigation, url) => listener(navigation, url ?? ''));
      return contents;
    },
    setWindowOpenHandler: (handler) => void (openHandler = handler),
  };
  return { contents, listeners, openHandler: () => openHandler };
};

const fakeEvent = () => {
  const event = { prevented: false, preventDefault: () => void (event.prevented = true) };
  return event;
};

const permissions = ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen'];

describe('hardenSession', () => {
  it('denies every permission request', () => {
    const { session, handlers } = fakeSession();
    hardenSession(session);
    for (const permission of permissions) {
      const answers: boolean[] = [];
      handlers.request?.({}, permission, (granted) => answers.push(granted));
      expect(answers, permission).toEqual([false]);
    }
  });

  it('answers every permission check with false', () => {
    const { session, handlers } = fakeSession();
    hardenSession(session);
    expect(handlers.check).toBeDefined();
    for (const permission of permissions) expect(handlers.check?.({}, permission), permission).toBe(false);
  });
});

describe('hardenWebContents', () => {
  it.each(['will-navigate', 'will-redirect', 'will-attach-webview'])('prevents %s', (name) => {
    const { contents, listeners } = fakeContents();
    hardenWebContents(contents);
    const listener = listeners.get(name);
    expect(listener).toBeDefined();
    const event = fakeEvent();
    listener?.(event, 'https://example.org/');
    expect(event.prevented).toBe(true);
  });

  it('denies opening new windows', () => {
    const { contents, openHandler } = fakeContents();
    hardenWebContents(contents);
    expect(openHandler()?.({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    expect(openHandler()?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
  });
});
