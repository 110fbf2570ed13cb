import { Text, type TextProps } from "ink";
import type { ReactNode } from "react";
import { resolveStyle } from "../../model/theme/theme.js";
import type { ThemeToken } from "../../model/theme/themeTokens.js";
import { useTheme } from "./ThemeContext.js";

export interface ThemedTextProps {
  token: ThemeToken;
  wrap?: TextProps["wrap"];
  children?: ReactNode;
}

/** Ink's `<Text>` styled by a theme token: `<ThemedText token="status.error">failed</ThemedText>`. */
export function ThemedText({ token, wrap, children }: ThemedTextProps) {
  const style = resolveStyle(useTheme(), token);
  return (
    <Text {...style} {...(wrap ? { wrap } : {})}>
      {children}
    </Text>
  );
}
