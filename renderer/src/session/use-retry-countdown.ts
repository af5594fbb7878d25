import { useCallback, useEffect, useState } from 'react';

/** A live countdown for rate-limited calls: whole seconds left, and a way to start a new wait. */
export const useRetryCountdown = (initialMs = 0) => {
  const [until, setUntil] = useState(() => (initialMs > 0 ? Date.now() + initialMs : 0));
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (until === 0) return;
    const timer = setInterval(() => {
      const current = Date.now();
      setNow(current);
      if (current >= until) clearInterval(timer);
    }, 250);
    return () => clearInterval(timer);
  }, [until]);

  const start = useCallback((ms: number) => {
    const current = Date.now();
    setNow(current);
    setUntil(current + ms);
  }, []);

  const seconds = Math.max(0, Math.ceil((until - now) / 1000));
  return { seconds, waiting: seconds > 0, start };
};
