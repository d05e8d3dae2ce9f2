import { useEffect, useState } from 'react';

/** True once `ms` have passed since the component appeared (at once when `already`). */
export function useWaitedLong(ms: number, already = false): boolean {
  const [waited, setWaited] = useState(already);
  useEffect(() => {
    if (waited) return undefined;
    const timer = setTimeout(() => setWaited(true), ms);
    return () => clearTimeout(timer);
  }, [ms, waited]);
  return waited;
}
