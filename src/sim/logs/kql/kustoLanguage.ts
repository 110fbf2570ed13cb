/**
 * The one module that touches Kusto.Language (@kusto/language-service-next), Microsoft's KQL parser
 * compiled from C# with Bridge.NET. Its objects are untyped .NET shapes on JavaScript globals, so
 * this adapter declares the few members it reads, copies the analysed syntax tree into plain typed
 * `SyntaxNode`s and hands back the parser's diagnostics. Everything else in the evaluator is typed.
 */
import { createRequire } from "node:module";
import type { SyntaxNode, SymbolRef, ResultColumn } from "./syntax.js";

export interface ColumnSchema {
  name: string;
  type: string;
}

export interface TableSchema {
  name: string;
  columns: readonly ColumnSchema[];
}

export interface ParserDiagnostic {
  code: string;
  message: string;
  start: number;
  length: number;
  /** Syntax errors come from the parser, the rest from semantic analysis (binding). */
  syntax: boolean;
}

export interface AnalyzedQuery {
  root: SyntaxNode;
  /** Errors only (syntax errors first): warnings and suggestions do not stop a query. */
  errors: ParserDiagnostic[];
}

// --- The slice of the Bridge.NET object model this adapter reads --------------------------------

interface NetList<T> {
  Count: number;
  getItem(index: number): T;
}

interface NetSymbol {
  Name: string;
  Type?: NetSymbol;
  Columns?: NetList<NetSymbol>;
}

interface NetValueInfo {
  ValueText: string | null;
}

interface NetElement {
  IsToken: boolean;
  Text?: string;
  NameInParent: string | null;
  TextStart: number;
  End: number;
  ChildCount: number;
  GetChild(index: number): NetElement | null;
  // Members of Expression / Name nodes; read only where the node kind has them.
  ResultType?: NetSymbol | null;
  ReferencedSymbol?: NetSymbol | null;
  IsLiteral?: boolean;
  LiteralValue?: unknown;
  LiteralValueInfo?: NetValueInfo | null;
  SimpleName?: string;
}

interface NetDiagnostic {
  Code: string;
  Message: string;
  Severity: string;
  Start: number;
  Length: number;
}

interface NetCode {
  Syntax: NetElement;
  GetDiagnostics(): NetList<NetDiagnostic>;
  GetSyntaxDiagnostics(): NetList<NetDiagnostic>;
}

interface NetGlobalState {
  WithDatabase(database: unknown): NetGlobalState;
}

interface KustoLanguage {
  GlobalState: { Default: NetGlobalState };
  KustoCode: { ParseAndAnalyze(text: string, globals: NetGlobalState): NetCode };
  Symbols: {
    TableSymbol: { $ctor7: new (name: string, schema: string, description: null) => unknown };
    DatabaseSymbol: { ctor: new (name: string, tables: unknown[]) => unknown };
  };
  Syntax: { Expression: unknown };
}

interface BridgeRuntime {
  getTypeName(value: unknown): string;
  is(value: unknown, type: unknown): boolean;
}

interface Loaded {
  kusto: KustoLanguage;
  bridge: BridgeRuntime;
}

let loaded: Loaded | undefined;

/**
 * Loads the parser on first use. Bridge.NET scripts install `Bridge`, `System` and `Kusto` as
 * globals, so they are required (not imported) and read back from `globalThis`. The minified build
 * has the same API and loads faster.
 */
function load(): Loaded {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  require("@kusto/language-service-next/bridge.min.js");
  require("@kusto/language-service-next/Kusto.Language.Bridge.min.js");
  const globals = globalThis as unknown as { Kusto: { Language: KustoLanguage }; Bridge: BridgeRuntime };
  loaded = { kusto: globals.Kusto.Language, bridge: globals.Bridge };
  return loaded;
}

const globalStates = new WeakMap<readonly TableSchema[], NetGlobalState>();

function globalStateFor(tables: readonly TableSchema[]): NetGlobalState {
  const cached = globalStates.get(tables);
  if (cached) return cached;
  const { kusto } = load();
  const symbols = tables.map(
    (table) =>
      new kusto.Symbols.TableSymbol.$ctor7(
        table.name,
        `(${table.columns.map((column) => `['${column.name}']:${column.type}`).join(", ")})`,
        null,
      ),
  );
  const database = new kusto.Symbols.DatabaseSymbol.ctor("batchtop", symbols);
  const state = kusto.GlobalState.Default.WithDatabase(database);
  globalStates.set(tables, state);
  return state;
}

function listOf<T>(list: NetList<T>): T[] {
  const items: T[] = [];
  for (let i = 0; i < list.Count; i++) items.push(list.getItem(i));
  return items;
}

/** `Kusto.Language.Syntax.SyntaxList`1[[...]]` → `SyntaxList`; `SyntaxToken+KindToken` → `Token`. */
function shortKind(typeName: string): string {
  const simple = (typeName.split("`")[0] ?? typeName).split(".").pop() ?? typeName;
  return simple.startsWith("SyntaxToken") ? "Token" : simple;
}

/** Copies one analysed tree into plain nodes; `ids` numbers each distinct symbol object. */
class TreeCopier {
  private readonly ids = new Map<object, number>();

  constructor(private readonly runtime: Loaded) {}

  copy(element: NetElement): SyntaxNode {
    const { bridge, kusto } = this.runtime;
    const kind = shortKind(bridge.getTypeName(element));
    const node: SyntaxNode = {
      kind,
      role: element.NameInParent ?? "",
      start: element.TextStart,
      end: element.End,
      children: [],
    };
    if (element.IsToken) {
      node.text = element.Text ?? "";
      return node;
    }
    for (let i = 0; i < element.ChildCount; i++) {
      const child = element.GetChild(i);
      if (child) node.children.push(this.copy(child));
    }
    if (element.ReferencedSymbol) node.symbol = this.symbolRef(element.ReferencedSymbol);
    if (kind === "NameReference" || kind === "NameDeclaration") node.name = element.SimpleName ?? "";
    if (bridge.is(element, kusto.Syntax.Expression)) {
      const resultType = element.ResultType;
      if (resultType) {
        node.type = resultType.Name;
        if (resultType.Columns) node.columns = listOf(resultType.Columns).map((c) => this.column(c));
      }
      if (element.IsLiteral) {
        const value = element.LiteralValue;
        node.literal = {
          text: element.LiteralValueInfo?.ValueText ?? "",
          // Only string values are taken from .NET: they arrive unescaped as JS strings.
          value: typeof value === "string" ? value : undefined,
        };
      }
    }
    return node;
  }

  private id(symbol: NetSymbol): number {
    let id = this.ids.get(symbol);
    if (id === undefined) {
      id = this.ids.size + 1;
      this.ids.set(symbol, id);
    }
    return id;
  }

  private symbolRef(symbol: NetSymbol): SymbolRef {
    const kind = shortKind(this.runtime.bridge.getTypeName(symbol)).replace(/Symbol$/, "");
    return { kind, name: symbol.Name, id: this.id(symbol) };
  }

  private column(symbol: NetSymbol): ResultColumn {
    return { name: symbol.Name, type: symbol.Type?.Name ?? "unknown", id: this.id(symbol) };
  }
}

function diagnostics(list: NetList<NetDiagnostic>, syntax: boolean): ParserDiagnostic[] {
  return listOf(list)
    .filter((d) => d.Severity === "Error")
    .map((d) => ({ code: d.Code, message: d.Message, start: d.Start, length: d.Length, syntax }));
}

/** Parses and analyses `text` against `tables` (pass the same array each time: its state is cached). */
export function analyzeQuery(text: string, tables: readonly TableSchema[]): AnalyzedQuery {
  const runtime = load();
  const code = runtime.kusto.KustoCode.ParseAndAnalyze(text, globalStateFor(tables));
  const syntaxErrors = diagnostics(code.GetSyntaxDiagnostics(), true);
  // GetDiagnostics() repeats the syntax diagnostics; keep only what analysis added.
  const syntaxKeys = new Set(syntaxErrors.map((d) => `${d.code}@${d.start}`));
  const semanticErrors = diagnostics(code.GetDiagnostics(), false).filter(
    (d) => !syntaxKeys.has(`${d.code}@${d.start}`),
  );
  const byPosition = (a: ParserDiagnostic, b: ParserDiagnostic) => a.start - b.start;
  return {
    root: new TreeCopier(runtime).copy(code.Syntax),
    // A query that does not parse is reported as such first, as Log Analytics does.
    errors: [...syntaxErrors.sort(byPosition), ...semanticErrors.sort(byPosition)],
  };
}
