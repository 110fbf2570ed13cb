import js from "@eslint/js";
import tseslint from "typescript-eslint";

// Which way the layers under src/ may import (docs/ARCHITECTURE.md draws them). Type-only imports
// count too: a type from a forbidden layer still ties the importer to that layer's shape.
// Each layer lists the layers it must not import; `model` must import nothing outside itself.
const forbiddenLayers = {
  model: "outside",
  azure: ["store", "ui", "cli", "sim"],
  store: ["ui", "sim"],
  ui: ["azure", "sim"],
  actions: ["sim"],
};
const layerReasons = {
  model: "src/model is pure types and derivations: it imports nothing of the project outside src/model.",
  azure: "src/azure only talks to Azure: it imports no src/store, src/ui, src/cli or src/sim.",
  store: "src/store serves the screen without knowing it: it imports no src/ui or src/sim.",
  ui: "src/ui renders snapshots and reaches Azure only through src/store and src/actions: it imports no src/azure (types included), no Azure SDK and no src/sim.",
  actions: "only src/cli starts the simulator: src/actions imports no src/sim.",
};
// A rule sees the specifier as written, so a file n folders below its layer reaches src/<x> as
// "../" n+1 times, then "<x>/". One config per depth keeps that exact (src/model/actions is not
// src/actions); a unit test checks that every file under src/ is covered.
const deepestFolder = 4;

function importDirections(layer, depth) {
  const toSrc = `^(?:\\.\\./){${depth + 1}}`;
  const forbidden = forbiddenLayers[layer];
  const regex = forbidden === "outside" ? toSrc : `${toSrc}(?:${forbidden.join("|")})(?:/|$)`;
  const patterns = [{ regex, caseSensitive: true, message: layerReasons[layer] }];
  if (layer === "ui") patterns.push({ group: ["@azure/*"], message: layerReasons.ui });
  return {
    files: [`src/${layer}/${"*/".repeat(depth)}*.{ts,tsx}`],
    rules: {
      "no-restricted-imports": ["error", { patterns }],
      // import() is invisible to no-restricted-imports; only src/cli loads modules lazily.
      "no-restricted-syntax": [
        "error",
        { selector: "ImportExpression", message: "Only src/cli loads modules with import()." },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "coverage/", ".tmp/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: "readonly",
        console: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        setInterval: "readonly",
        clearInterval: "readonly",
        Buffer: "readonly",
        URL: "readonly",
      },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  ...Object.keys(forbiddenLayers).flatMap((layer) =>
    Array.from({ length: deepestFolder + 1 }, (_, depth) => importDirections(layer, depth)),
  ),
);
