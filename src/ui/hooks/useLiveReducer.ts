import { useCallback, useRef, useState } from "react";

/**
 * A reducer whose latest state can be read at any moment, not only at the next render. Keys arrive
 * faster than frames (a paste, `jjj`, a held arrow): each key must act on the state the previous
 * key left, or typed characters and moves are lost.
 */
export function useLiveReducer<State, Action>(
  reducer: (state: State, action: Action) => State,
  initial: State,
): [State, (action: Action) => void, () => State] {
  const [state, setState] = useState(initial);
  const live = useRef(state);
  const dispatch = useCallback(
    (action: Action) => {
      live.current = reducer(live.current, action);
      setState(live.current);
    },
    [reducer],
  );
  const read = useCallback(() => live.current, []);
  return [state, dispatch, read];
}
