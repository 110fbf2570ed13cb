/** Where a JSON text first goes wrong, as an editor would show it (1-based line and column). */
export interface JsonSyntaxProblem {
  line: number;
  column: number;
  problem: string;
}

class Stop extends Error {
  constructor(
    readonly offset: number,
    readonly problem: string,
  ) {
    super(problem);
  }
}

/**
 * Finds the first syntax error in `text`, or undefined when it is valid JSON. Node 20's JSON.parse
 * does not always say where it failed ("Unexpected token '}', ... is not valid JSON"), and a user
 * fixing a config file needs the line and column.
 */
export function findJsonSyntaxProblem(text: string): JsonSyntaxProblem | undefined {
  let at = 0;
  const describe = (offset: number) =>
    offset >= text.length ? "the end of the file" : JSON.stringify(text[offset]);
  const fail = (problem: string, offset = at): never => {
    throw new Stop(offset, problem);
  };
  const skipWhitespace = () => {
    while (at < text.length && " \t\n\r".includes(text[at] as string)) at++;
  };
  const expect = (char: string, after: string) => {
    skipWhitespace();
    if (text[at] !== char) fail(`expected '${char}' ${after}, found ${describe(at)}`);
    at++;
  };

  const parseString = () => {
    const start = at;
    at++;
    for (;;) {
      if (at >= text.length) fail("unterminated string", start);
      const code = text.charCodeAt(at);
      if (code === 0x22) break;
      if (code < 0x20) fail("line break or control character inside a string (write \\n)");
      if (code === 0x5c) {
        const escape = text[at + 1] ?? "";
        if (escape === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6)))
            fail("\\u must be followed by 4 hex digits");
          at += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(escape) || escape === "") fail(`invalid escape \\${escape} in a string`);
        at += 2;
        continue;
      }
      at++;
    }
    at++;
  };

  const parseNumber = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(at));
    if (!match || match[0] === "-") fail(`invalid number`);
    at += (match as RegExpExecArray)[0].length;
  };

  const parseValue = (): void => {
    skipWhitespace();
    const char = text[at];
    if (char === "{") return parseObject();
    if (char === "[") return parseArray();
    if (char === '"') return parseString();
    if (char === "-" || (char !== undefined && char >= "0" && char <= "9")) return parseNumber();
    for (const word of ["true", "false", "null"]) {
      if (text.startsWith(word, at)) {
        at += word.length;
        return;
      }
    }
    if (char === "'") fail("strings must use double quotes");
    fail(`expected a value, found ${describe(at)}`);
  };

  const parseMembers = (close: string, parseMember: () => void) => {
    at++;
    skipWhitespace();
    if (text[at] === close) {
      at++;
      return;
    }
    for (;;) {
      parseMember();
      skipWhitespace();
      if (text[at] === close) {
        at++;
        return;
      }
      const comma = at;
      expect(",", `or '${close}'`);
      skipWhitespace();
      if (text[at] === close) fail(`trailing comma before '${close}'`, comma);
    }
  };

  const parseObject = () =>
    parseMembers("}", () => {
      skipWhitespace();
      if (text[at] !== '"') fail(`expected a property name in double quotes, found ${describe(at)}`);
      parseString();
      expect(":", "after the property name");
      parseValue();
    });

  const parseArray = () => parseMembers("]", parseValue);

  try {
    parseValue();
    skipWhitespace();
    if (at < text.length) fail(`unexpected ${describe(at)} after the end of the JSON value`);
    return undefined;
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    return { ...lineAndColumn(text, error.offset), problem: error.problem };
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split(/\r\n|\r|\n/);
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}
