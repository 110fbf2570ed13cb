/**
 * Query analysis, cached: the dashboard polls the same few queries and analysing one costs
 * ~10 ms. Each analysis also records which table columns the query can observe.
 */
import { type ParserDiagnostic, type TableSchema, analyzeQuery } from "./kustoLanguage.js";
import { childWithRole, type SyntaxNode } from "./syntax.js";

export interface QueryAnalysis {
  root: SyntaxNode;
  errors: ParserDiagnostic[];
  /**
   * Ids of the columns the query can observe: those it names, and those that reach any operator's
   * output (pass-through columns keep their symbol). Table columns outside this set are never
   * read, so their values need not be converted: on a 10,000-row table that is most of the work.
   */
  observed: ReadonlySet<number>;
}

const CACHE_SIZE = 64;
const analyses = new WeakMap<readonly TableSchema[], Map<string, QueryAnalysis>>();

function observedColumnIds(root: SyntaxNode): ReadonlySet<number> {
  const ids = new Set<number>();
  const visit = (node: SyntaxNode): void => {
    if (node.symbol?.kind === "Column") ids.add(node.symbol.id);
    const isTableReference = node.kind === "NameReference" && node.symbol?.kind === "Table";
    if (!isTableReference) for (const column of node.columns ?? []) ids.add(column.id);
    // The query's result is observed even when it is a bare table reference (`ADFActivityRun`).
    if (node.kind === "ExpressionStatement") {
      for (const column of childWithRole(node, "Expression")?.columns ?? []) ids.add(column.id);
    }
    node.children.forEach(visit);
  };
  visit(root);
  return ids;
}

/** The analysis of `query` against `schemas` (pass the same array each time: the cache is per array). */
export function analyzeCached(query: string, schemas: readonly TableSchema[]): QueryAnalysis {
  let cache = analyses.get(schemas);
  if (!cache) {
    cache = new Map();
    analyses.set(schemas, cache);
  }
  const hit = cache.get(query);
  if (hit) return hit;
  const { root, errors } = analyzeQuery(query, schemas);
  const analysis = { root, errors, observed: observedColumnIds(root) };
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value ?? "");
  cache.set(query, analysis);
  return analysis;
}
