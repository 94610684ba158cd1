// CLI: `npm run --silent groups -- <files or folders…> [--article URL] [--format json|md]` reads
// exported `stance-positions` files and share codes (one per line in a text file) with the
// extension's own import and aggregation code, and prints a class report per article: JSON
// (schema `stance-group-report` v1, README) or Markdown. One verdict per input goes to stderr;
// the exit code is 1 when nothing could be read.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildClassReport,
  classReportMarkdown,
  inputsFromText,
  type ReportInput,
  verdictLine,
} from '../utils/share/class-report';

const USAGE = 'usage: npm run --silent groups -- <files or folders…> [--article URL] [--format json|md]';

export interface GroupsArgs {
  paths: string[];
  articleUrl?: string;
  format: 'json' | 'md';
}

export function parseGroupsArgs(argv: string[]): GroupsArgs | string {
  const paths: string[] = [];
  let articleUrl: string | undefined;
  let format: 'json' | 'md' = 'json';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    if (flag === '--article' || flag === '--format') {
      const value = inline ?? argv[++i];
      if (!value) return `${flag} needs a value`;
      if (flag === '--article') articleUrl = value;
      else if (value === 'json' || value === 'md') format = value;
      else return `--format is json or md, not ${value}`;
    } else if (arg.startsWith('--')) return `unknown option: ${arg}`;
    else paths.push(arg);
  }
  if (paths.length === 0) return USAGE;
  return { paths, articleUrl, format };
}

/** The inputs under each path: a file, or every file in a folder (and its subfolders), sorted. */
export function collectInputs(paths: string[], onError: (line: string) => void): ReportInput[] {
  const inputs: ReportInput[] = [];
  const visit = (path: string) => {
    let stat: ReturnType<typeof statSync>;
    try {
      stat = statSync(path);
    } catch (error) {
      onError(`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
      return;
    }
    if (stat.isDirectory()) {
      for (const name of readdirSync(path).sort()) if (!name.startsWith('.')) visit(join(path, name));
      return;
    }
    const bytes = new Uint8Array(readFileSync(path));
    // A text file of share codes holds one input per code; anything else is one input (bytes, so
    // the import's own checks say whether it is text, JSON or too large).
    const asText = bytes.length < 50 * 1024 * 1024 ? new TextDecoder().decode(bytes) : '';
    const parts = inputsFromText(path, asText);
    inputs.push(
      ...(parts.length === 1 && parts[0]!.content === asText ? [{ source: path, content: bytes }] : parts),
    );
  };
  for (const path of paths) visit(path);
  return inputs;
}

/**
 * browser.i18n from the English messages, so the report and the verdicts use Stance's own strings;
 * left alone where one exists already (the unit tests' fake browser).
 */
function installEnglish(root: string): void {
  if ((globalThis as { browser?: { i18n?: unknown } }).browser?.i18n) return;
  const messages = JSON.parse(readFileSync(join(root, 'public/_locales/en/messages.json'), 'utf8')) as Record<
    string,
    { message: string }
  >;
  const getMessage = (key: string, subs: string | string[] = []) =>
    (Object.hasOwn(messages, key) ? messages[key]!.message : '').replace(
      /\$(\d)/g,
      (_, n: string) => [subs].flat()[Number(n) - 1] ?? '',
    );
  (globalThis as { browser?: unknown }).browser = { i18n: { getMessage, getUILanguage: () => 'en' } };
}

export async function runGroups(
  argv: string[],
  io: { out: (s: string) => void; err: (s: string) => void },
  root = resolve(fileURLToPath(import.meta.url), '../..'),
): Promise<number> {
  const args = parseGroupsArgs(argv);
  if (typeof args === 'string') {
    io.err(`groups: ${args}\n`);
    return 2;
  }
  installEnglish(root);
  const inputs = collectInputs(args.paths, (line) => io.err(`${line}\n`));
  const { report, verdicts } = await buildClassReport(inputs, { articleUrl: args.articleUrl });
  for (const v of verdicts) io.err(`${verdictLine(v)}\n`);
  if (report.articles.length === 0) {
    io.err('groups: nothing could be read\n');
    return 1;
  }
  io.out(args.format === 'md' ? classReportMarkdown(report) : `${JSON.stringify(report, null, 2)}\n`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runGroups(process.argv.slice(2), {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
  }).then((code) => {
    process.exitCode = code;
  });
}
