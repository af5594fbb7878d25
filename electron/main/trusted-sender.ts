/** The part of Electron's WebFrameMain this check reads. */
export interface SenderFrame {
  url: string;
  parent: unknown;
}

/**
 * Returns a predicate that accepts only the top frame of our own renderer: the dev server's
 * origin in development, the packaged index.html file otherwise.
 */
export const createTrustedSenderCheck = (rendererUrl: string) => {
  const trusted = new URL(rendererUrl);
  return (frame: SenderFrame | null | undefined): boolean => {
    if (!frame || frame.parent) return false;
    let url: URL;
    try {
      url = new URL(frame.url);
    } catch {
      return false;
    }
    // The host too: `file://server/<same path>` is a network share (UNC on Windows), not our file.
    if (trusted.protocol === 'file:') return url.protocol === 'file:' && url.host === trusted.host && url.pathname === trusted.pathname;
    return url.origin === trusted.origin;
  };
};
