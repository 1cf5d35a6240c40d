/**
 * LTSP's `lts.conf`: `[Default]` then per-client sections named by MAC, IP or host name;
 * `KEY = value` lines (values may be quoted); `LIKE = section` inherits another section.
 */
import type { Diagnostic } from './diagnostic.js';
import { splitLines, type SourceLine } from './source.js';

export interface LtsSetting {
  line: number;
  key: string;
  value: string;
}

export interface LtsSection {
  line: number;
  name: string;
  settings: LtsSetting[];
}

export interface LtsConf {
  file: string;
  text: string;
  lines: SourceLine[];
  sections: LtsSection[];
  diagnostics: Diagnostic[];
}

const SECTION = /^\s*\[([^\]]*)\]\s*(#.*)?$/;
const SETTING = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/;

function unquote(value: string): string {
  const quoted = /^"(.*)"$/.exec(value) ?? /^'(.*)'$/.exec(value);
  return quoted?.[1] ?? value;
}

function stripComment(text: string): string {
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '#') {
      return text.slice(0, i);
    }
  }
  return text;
}

export function parseLtsConf(text: string, file: string): LtsConf {
  const lines = splitLines(text);
  const diagnostics: Diagnostic[] = [];
  const sections: LtsSection[] = [];
  const problem = (line: SourceLine, code: string, message: string) =>
    diagnostics.push({ code, severity: 'error', message, location: { file, line: line.number, column: 1 } });

  for (const line of lines) {
    const content = stripComment(line.text);
    if (content.trim() === '') continue;
    const section = SECTION.exec(line.text);
    if (section) {
      sections.push({ line: line.number, name: (section[1] ?? '').trim(), settings: [] });
      continue;
    }
    const setting = SETTING.exec(content);
    if (!setting) {
      problem(line, 'lts/syntax', `expected [section] or KEY = value, found '${line.text.trim()}'`);
      continue;
    }
    const current = sections.at(-1);
    if (!current) {
      problem(line, 'lts/outside-section', `'${setting[1] ?? ''}' comes before any [section]`);
      continue;
    }
    current.settings.push({
      line: line.number,
      key: (setting[1] ?? '').toUpperCase(),
      value: unquote(setting[2] ?? ''),
    });
  }
  checkLikes(file, sections, diagnostics);
  return { file, text, lines, sections, diagnostics };
}

function checkLikes(file: string, sections: readonly LtsSection[], diagnostics: Diagnostic[]): void {
  const names = new Set(sections.map((section) => section.name.toLowerCase()));
  for (const section of sections) {
    for (const setting of section.settings) {
      if (setting.key === 'LIKE' && !names.has(setting.value.toLowerCase())) {
        diagnostics.push({
          code: 'lts/unknown-like',
          severity: 'warning',
          message: `[${section.name}] is LIKE '${setting.value}', but there is no such section`,
          location: { file, line: setting.line, column: 1 },
        });
      }
    }
  }
}
