import { useEffect, useState } from "react";

/** Ticks once a second so ages ("3s ago") stay true between snapshots. */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
