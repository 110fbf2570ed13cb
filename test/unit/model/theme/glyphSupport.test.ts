import { test } from "node:test";
import assert from "node:assert/strict";
import { glyphSetFor } from "../../../../src/model/theme/glyphSupport.js";

test("Unicode symbols unless the terminal or locale says it cannot show them", () => {
  assert.equal(glyphSetFor({ TERM: "xterm-256color", LANG: "en_GB.UTF-8" }, "linux"), "unicode");
  assert.equal(glyphSetFor({ TERM: "screen", LC_ALL: "C.utf8" }, "darwin"), "unicode");
  assert.equal(glyphSetFor({}, "linux"), "unicode");
  assert.equal(glyphSetFor({ TERM: "linux" }, "linux"), "ascii", "the Linux console's font");
  assert.equal(glyphSetFor({ LANG: "C" }, "linux"), "ascii");
  assert.equal(
    glyphSetFor({ LC_ALL: "en_US.ISO-8859-1", LANG: "en_US.UTF-8" }, "linux"),
    "ascii",
    "LC_ALL wins",
  );
});

test("on Windows, Unicode only in terminals known to draw it", () => {
  assert.equal(glyphSetFor({}, "win32"), "ascii", "the legacy console host");
  assert.equal(glyphSetFor({ WT_SESSION: "1" }, "win32"), "unicode");
  assert.equal(glyphSetFor({ TERM_PROGRAM: "vscode" }, "win32"), "unicode");
});
