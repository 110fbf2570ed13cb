import { Box, Text } from "ink";
import { memo } from "react";
import type { LogState } from "../../model/navigation/uiState.js";
import { resolveStyle } from "../../model/theme/theme.js";
import type { TaskRow } from "../../model/tasks.js";
import type { TailSnapshot } from "../../model/tailSnapshot.js";
import { sameData } from "../../model/sameData.js";
import { describeLogStatus } from "../../model/views/logStatus.js";
import { logView, matchCounter } from "../../model/views/logView.js";
import { taskFailureLine } from "../../model/views/taskFailureLine.js";
import type { LogMatches } from "../../model/views/logSearch.js";
import { logGeometry } from "../../model/views/paneGeometry.js";
import type { ResourceState } from "../../store/resourceState.js";
import { useTheme } from "../theme/ThemeContext.js";
import { useClockValue } from "../hooks/useClock.js";
import { PaneFrame } from "./PaneFrame.js";

export interface LogPaneProps {
  taskId?: string;
  /** The node whose start task output is shown instead of a task's log. */
  startTaskNodeId?: string;
  task?: TaskRow;
  resource: ResourceState<TailSnapshot>;
  lines: readonly string[];
  log: LogState;
  found?: LogMatches;
  intervalMs: number;
  focused: boolean;
  width: number;
  height: number;
}

/**
 * The selected task's stdout or stderr: where it is read from and how far, follow and wrap, search
 * matches highlighted, and the buffering hint when a running task's stdout stays empty.
 */
function LogPaneView(props: LogPaneProps) {
  const { taskId, startTaskNodeId, task, resource, lines, log, found, intervalMs, focused, width, height } =
    props;
  const subject = startTaskNodeId ? `start task of ${startTaskNodeId}` : taskId;
  const theme = useTheme();
  const geometry = logGeometry(width, height, log.wrap);
  const view = logView({
    lines,
    geometry,
    follow: log.follow,
    anchor: log.anchor,
    ...(found ? { matches: found.matches } : {}),
    ...(log.search?.current !== undefined ? { currentMatch: log.search.current } : {}),
  });
  // Only a running task's status changes with the clock (the buffering hint, once it has run a while).
  const status = useClockValue(
    (now) =>
      describeLogStatus({
        ...(resource.data ? { tail: resource.data } : {}),
        stream: log.stream,
        ...(task ? { task } : {}),
        now: new Date(now),
      }),
    { same: sameData, ticking: task?.state === "running" },
  );
  const settings = [log.stream, log.follow ? "follow" : "paused", log.wrap ? "wrap" : "cut"];
  if (found && log.search)
    settings.push(`/${log.search.query.text} ${matchCounter(found, log.search.current)}`);
  const failure = task && taskFailureLine(task);
  const notice = status.hint ?? [failure, status.restart, status.skipped].filter(Boolean).join(" · ");
  const noticeToken = status.hint ? "status.warning" : failure ? "status.error" : "log.notice";
  const textToken = log.stream === "stderr" ? "log.stderr" : "text.primary";
  return (
    <PaneFrame
      title={{
        name: subject ? `Log of ${subject}` : "Log",
        // The log is read from the node or storage, not through the Batch account's throttle.
        ...(subject ? { freshness: { resource: "tail", intervalMs, throttled: false } } : {}),
        notes: settings,
      }}
      focused={focused}
      width={width}
      height={height}
    >
      <Text {...resolveStyle(theme, "log.notice")} wrap="truncate">
        {subject
          ? `${status.source}${status.position ? ` · ${status.position}` : ""}`
          : "select a task to read its output"}
      </Text>
      <Text {...resolveStyle(theme, noticeToken)} wrap="truncate">
        {notice || " "}
      </Text>
      <Box flexDirection="column">
        {view.rows.map((row, index) => (
          <Text key={index} {...resolveStyle(theme, textToken)} wrap="truncate">
            {row.segments.map((segment, segmentIndex) =>
              segment.match ? (
                <Text
                  key={segmentIndex}
                  {...resolveStyle(theme, "log.match")}
                  {...(segment.current ? { underline: true, bold: true } : {})}
                >
                  {segment.text}
                </Text>
              ) : (
                segment.text
              ),
            )}
          </Text>
        ))}
      </Box>
    </PaneFrame>
  );
}

/** Drawn again only when its own props change, not when another pane's selection moves. */
export const LogPane = memo(LogPaneView);
