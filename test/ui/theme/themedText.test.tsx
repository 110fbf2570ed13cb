import { test, afterEach } from "node:test";
import assert from "node:assert/strict";
import type { ReactElement } from "react";
import { withoutColor } from "../../../src/model/theme/noColor.js";
import { buildTheme } from "../../../src/model/theme/theme.js";
import { themeTokenNames } from "../../../src/model/theme/themeTokens.js";

/* eslint-disable no-control-regex -- the escape codes in the frames are what these tests read */

// Frames carry colour codes only when chalk believes in colour, and chalk decides once, when first
// imported: so colour is forced before Ink (and its chalk) load.
process.env.FORCE_COLOR = "1";
const { Text } = await import("ink");
const { render } = await import("ink-testing-library");
const { ThemeProvider, useTheme } = await import("../../../src/ui/theme/ThemeContext.js");
const { ThemedText } = await import("../../../src/ui/theme/ThemedText.js");

const theme = buildTheme(
  "test",
  {
    tokens: {
      ...Object.fromEntries(themeTokenNames.map((token) => [token, {}])),
      "status.error": { color: "red", bold: true },
      selection: { color: "black", backgroundColor: "cyan" },
    },
  },
  "unicode",
);

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function show(node: ReactElement) {
  const app = render(node);
  cleanup = app.unmount;
  return app.lastFrame() ?? "";
}

test("ThemedText draws its token's style", () => {
  const frame = show(
    <ThemeProvider theme={theme}>
      <ThemedText token="status.error">failed</ThemedText>
    </ThemeProvider>,
  );
  assert.match(frame, /failed/);
  assert.match(frame, /\u001b\[31m/, "red");
  assert.match(frame, /\u001b\[1m/, "bold");
});

test("under NO_COLOR the selection is drawn in inverse video and no colour is sent", () => {
  const frame = show(
    <ThemeProvider theme={withoutColor(theme)}>
      <ThemedText token="selection">pool-a</ThemedText>
      <ThemedText token="status.error">failed</ThemedText>
    </ThemeProvider>,
  );
  assert.match(frame, /\u001b\[7mpool-a/, "inverse");
  assert.doesNotMatch(frame, /\u001b\[(3|4|9|10)\dm/, "no foreground or background colour");
});

test("useTheme gives components the provided theme and refuses to guess without one", () => {
  function ThemeName() {
    return <Text>{useTheme().name}</Text>;
  }
  assert.match(
    show(
      <ThemeProvider theme={theme}>
        <ThemeName />
      </ThemeProvider>,
    ),
    /test/,
  );
  cleanup?.();
  const originalError = console.error;
  // React reports the thrown error on the console before Ink shows it; keep the test output clean.
  console.error = () => {};
  try {
    assert.match(show(<ThemeName />), /useTheme\(\) needs a <ThemeProvider> above it/);
  } finally {
    console.error = originalError;
  }
});
