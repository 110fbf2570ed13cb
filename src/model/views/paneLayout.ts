export type PaneId = "pools" | "nodes" | "jobs" | "tasks" | "log" | "details";

/** Tab moves through the panes in this order; every pane is reachable at every usable size. */
export const paneFocusOrder: readonly PaneId[] = ["pools", "nodes", "jobs", "tasks", "log", "details"];

/**
 * Below this nothing useful fits: at 60 columns the pools table still shows the pool, its
 * allocation, its dedicated nodes and a resize error; at 16 rows one pane shows its title, header
 * and ten rows under the header and footer.
 */
export const minimumScreen = { width: 60, height: 16 } as const;

/** The wide layout needs room for three rows of panes and a pools table with its node bars. */
const wideScreen = { width: 140, height: 40 } as const;
/** Below this height two stacked panes leave too few rows each: the focused pane takes the screen. */
const twoPaneHeight = 20;
/** From this width two panes sit side by side rather than stacked. */
const sideBySideWidth = 120;

export const headerHeight = 1;
/** The keys of the focused pane and the flash line. */
export const footerHeight = 2;

/** A pane's outer size: its title, border and content all fit inside. */
export interface PanePlacement {
  pane: PaneId;
  width: number;
  height: number;
}

/** Panes side by side, left to right, sharing one height. */
export interface PaneRow {
  height: number;
  panes: PanePlacement[];
}

export type ScreenLayout =
  | {
      kind: "panes";
      mode: "wide" | "pair" | "single";
      /** Top to bottom, between the header and the footer. */
      rows: PaneRow[];
      /** Reachable by focus, not drawn now. */
      hidden: PaneId[];
    }
  | { kind: "too-small"; notice: string };

/** The pane shown beside the focused one when only two fit: the next step of the drill-down. */
const companion: Record<PaneId, PaneId> = {
  pools: "nodes",
  nodes: "pools",
  jobs: "tasks",
  tasks: "log",
  log: "tasks",
  details: "tasks",
};

/**
 * Which panes a terminal of this size shows, and how big. Computed on resize and focus change only.
 * The focused pane is always among them.
 */
export function planLayout(width: number, height: number, focused: PaneId): ScreenLayout {
  if (width < minimumScreen.width || height < minimumScreen.height) {
    return {
      kind: "too-small",
      notice: `too small: need at least ${minimumScreen.width}x${minimumScreen.height} (now ${width}x${height})`,
    };
  }
  const body = height - headerHeight - footerHeight;
  const rows =
    width >= wideScreen.width && height >= wideScreen.height
      ? wideRows(width, body, focused)
      : height >= twoPaneHeight
        ? pairRows(width, body, focused)
        : [{ height: body, panes: [{ pane: focused, width, height: body }] }];
  const shown = new Set(rows.flatMap((row) => row.panes.map((placement) => placement.pane)));
  return {
    kind: "panes",
    mode: shown.size === 1 ? "single" : shown.size === 2 ? "pair" : "wide",
    rows,
    hidden: paneFocusOrder.filter((pane) => !shown.has(pane)),
  };
}

/**
 * Pools beside jobs, nodes beside tasks, and the log tail across the bottom (the details pane takes
 * its place while focused): the whole drill-down on one screen.
 */
function wideRows(width: number, body: number, focused: PaneId): PaneRow[] {
  const topHeight = Math.max(7, Math.round(body * 0.25));
  const middleHeight = Math.max(10, Math.round(body * 0.35));
  const jobsWidth = Math.min(56, Math.max(40, Math.round(width * 0.3)));
  const nodesWidth = Math.round(width * 0.4);
  const bottomPane: PaneId = focused === "details" ? "details" : "log";
  return [
    {
      height: topHeight,
      panes: [
        { pane: "pools", width: width - jobsWidth, height: topHeight },
        { pane: "jobs", width: jobsWidth, height: topHeight },
      ],
    },
    {
      height: middleHeight,
      panes: [
        { pane: "nodes", width: nodesWidth, height: middleHeight },
        { pane: "tasks", width: width - nodesWidth, height: middleHeight },
      ],
    },
    {
      height: body - topHeight - middleHeight,
      panes: [{ pane: bottomPane, width, height: body - topHeight - middleHeight }],
    },
  ];
}

/**
 * The focused pane and its companion, in focus order so they do not swap places as focus moves
 * between them; the focused one gets the larger share.
 */
function pairRows(width: number, body: number, focused: PaneId): PaneRow[] {
  const pair = paneFocusOrder.filter((pane) => pane === focused || pane === companion[focused]);
  if (width >= sideBySideWidth) {
    const focusedWidth = Math.round(width * 0.6);
    return [
      {
        height: body,
        panes: pair.map((pane) => ({
          pane,
          width: pane === focused ? focusedWidth : width - focusedWidth,
          height: body,
        })),
      },
    ];
  }
  const focusedHeight = Math.round(body * 0.6);
  return pair.map((pane) => {
    const paneHeight = pane === focused ? focusedHeight : body - focusedHeight;
    return { height: paneHeight, panes: [{ pane, width, height: paneHeight }] };
  });
}
