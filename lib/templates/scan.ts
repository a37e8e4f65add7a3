import { invalidInput } from "@/lib/errors";

/*
 * Mustache throws on any "{{" that is not a tag ("Unclosed tag"), but prompts are prose and "{{" shows up in code
 * samples and explanations. So we decide ourselves which "{{" open a well-formed tag, and hide every other "{" behind
 * a private-use character the template does not contain; the parser then only ever sees real tags.
 */
const TRIPLE = /\{\{\{\s*([^\s{}]+)\s*\}\}\}/y;
const COMMENT = /\{\{\s*![\s\S]*?\}\}/y;
const DELIMITERS = /\{\{\s*=[^{}]*\}\}/y;
// Names never start with a sigil and never contain whitespace, so "{{ to open and }}" stays prose.
const TAG = /\{\{\s*([#^/&>]?)\s*([^\s{}#^/&>!=][^\s{}]*)\s*\}\}/y;
// A sigil says "this is a tag" even when the name is bad ("{{> safety @prod}}", "{{#my list}}"); rendering that as
// prose would hide the mistake, so it is an error rather than literal text.
const MALFORMED = /\{\{\s*[#^/&>][^{}\n]*\}\}/y;
const MAX_SECTION_DEPTH = 50;

export type Sigil = "" | "#" | "^" | "/" | "&" | ">";
export interface ScannedTag {
  sigil: Sigil;
  name: string;
  index: number;
}
export interface Scanned {
  /** The template with every literal "{" that starts a "{{" replaced by `brace`. */
  text: string;
  brace: string;
  tags: ScannedTag[];
}

export function lineOf(template: string, index: number): number {
  let line = 1;
  for (let i = template.indexOf("\n"); i !== -1 && i < index; i = template.indexOf("\n", i + 1)) line++;
  return line;
}

function unusedPrivateUseChar(template: string): string {
  const used = new Set<number>();
  for (let i = 0; i < template.length; i++) {
    const c = template.charCodeAt(i);
    if (c >= 0xe000 && c <= 0xf8ff) used.add(c);
  }
  for (let c = 0xe000; c <= 0xf8ff; c++) if (!used.has(c)) return String.fromCharCode(c);
  throw invalidInput("Template contains too many distinct private-use characters to be parsed.");
}

function matchAt(re: RegExp, template: string, index: number): RegExpExecArray | null {
  re.lastIndex = index;
  return re.exec(template);
}

export function scanTemplate(template: string): Scanned {
  const brace = unusedPrivateUseChar(template);
  const tags: ScannedTag[] = [];
  let out = "";
  let i = 0;
  for (let j = template.indexOf("{{"); j !== -1; j = template.indexOf("{{", i)) {
    out += template.slice(i, j);
    if (matchAt(DELIMITERS, template, j)) {
      throw invalidInput(`Changing delimiters ({{= =}}) is not supported (line ${lineOf(template, j)}).`);
    }
    const triple = matchAt(TRIPLE, template, j);
    const comment = triple ? null : matchAt(COMMENT, template, j);
    const tag = triple || comment ? null : matchAt(TAG, template, j);
    const m = triple ?? comment ?? tag;
    const malformed = m ? null : matchAt(MALFORMED, template, j);
    if (malformed) {
      throw invalidInput(
        `Malformed tag ${malformed[0]} on line ${lineOf(template, j)}: a tag name cannot be empty or contain spaces or braces.`,
      );
    }
    if (!m) {
      // Only this "{" is literal: the next one may still open a tag, as in "{{{x}}" = "{" + {{x}}.
      out += brace;
      i = j + 1;
      continue;
    }
    if (triple) tags.push({ sigil: "&", name: triple[1]!, index: j });
    if (tag) tags.push({ sigil: tag[1] as Sigil, name: tag[2]!, index: j });
    out += m[0];
    i = j + m[0].length;
  }
  out += template.slice(i);
  checkSections(template, tags);
  return { text: out, brace, tags };
}

/** Mustache reports these with character offsets and misleading wording; we name the sections and lines instead. */
function checkSections(template: string, tags: ScannedTag[]): void {
  const open: ScannedTag[] = [];
  for (const tag of tags) {
    if (tag.sigil === "#" || tag.sigil === "^") {
      open.push(tag);
      if (open.length > MAX_SECTION_DEPTH) {
        throw invalidInput(`Sections nest deeper than ${MAX_SECTION_DEPTH} levels (line ${lineOf(template, tag.index)}).`);
      }
    } else if (tag.sigil === "/") {
      const top = open.pop();
      const line = lineOf(template, tag.index);
      if (!top) throw invalidInput(`Closing tag {{/${tag.name}}} on line ${line} has no matching {{#${tag.name}}}.`);
      if (top.name !== tag.name) {
        throw invalidInput(
          `Mismatched section: "${top.name}" (opened on line ${lineOf(template, top.index)}) is closed by {{/${tag.name}}} on line ${line}; expected {{/${top.name}}}.`,
        );
      }
    }
  }
  const unclosed = open.pop();
  if (unclosed) {
    throw invalidInput(
      `Unclosed section "${unclosed.name}" (opened on line ${lineOf(template, unclosed.index)}): add {{/${unclosed.name}}}.`,
    );
  }
}
