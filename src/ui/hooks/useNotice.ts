import { useEffect, useState } from "react";

/**
 * The line a source of data sends once it has something to say about itself (the demo account's
 * process exiting); undefined until then, and always without a source.
 */
export function useNotice(source: Promise<string> | undefined): string | undefined {
  const [notice, setNotice] = useState<string>();
  useEffect(() => {
    let mounted = true;
    void source?.then((line) => {
      if (mounted) setNotice(line);
    });
    return () => {
      mounted = false;
    };
  }, [source]);
  return notice;
}
