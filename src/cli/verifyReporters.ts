import { constants } from 'node:fs';
import { access, mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { InvalidArgumentError } from 'commander';
import { ConfigError } from '../core/errors/ConfigError.js';
import type { VerifyReport } from '../verify/CheckResult.js';
import { reportJson } from '../verify/reportJson.js';
import { reportJunit } from '../verify/reportJunit.js';
import { reportFailures, reportText, strictVerdict } from '../verify/reportText.js';
import { oneLine } from './oneLine.js';

const FORMATS = { text: reportText, junit: reportJunit, json: reportJson } as const;
/** `flag` is how the user asked for it, to name it in an error. */
export type Reporter = { format: keyof typeof FORMATS; path?: string; flag?: string };

/** `--reporter junit:verify.xml`: a format, and a file unless it goes to stdout. */
export function reporter(text: string, previous: Reporter[] = []): Reporter[] {
  const [format, ...rest] = text.split(':');
  if (!format || !(format in FORMATS)) throw new InvalidArgumentError(`expected text, junit or json, optionally :<file>, e.g. junit:verify.xml.`);
  const path = rest.join(':');
  return [...previous, { format: format as Reporter['format'], ...(path && { path, flag: `--reporter ${text}` }) }];
}

/** `--output` gives the pathless reporter a file; at most one reporter may write to stdout. */
export function placeReporters(reporters: Reporter[], output: string | undefined): Reporter[] {
  const placed = reporters.map((r) => (r.path === undefined && output ? { ...r, path: output, flag: `--output ${output}` } : r));
  if (placed.filter((r) => r.path === undefined).length > 1) {
    throw new ConfigError('only one --reporter can write to stdout: give the others a file, e.g. --reporter junit:verify.xml');
  }
  return placed;
}

/**
 * Before any request: every report file must be writable, so a long run never ends without its
 * report. Missing parent directories are created, as jest-junit and pytest's --junitxml do.
 */
export async function prepareReportFiles(reporters: readonly Reporter[]): Promise<void> {
  for (const { format, path, flag } of reporters) {
    if (path === undefined) continue;
    const fail = (why: string) => new ConfigError(`${flag ?? path}: ${why}`);
    const folder = dirname(resolve(path));
    await mkdir(folder, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
      throw fail(`cannot create the directory ${folder} (${error.code ?? error.message})`);
    });
    const existing = await stat(path).catch(() => undefined);
    if (existing?.isDirectory()) throw fail(`the ${format} report cannot be written there, it is a directory`);
    await access(existing ? path : folder, constants.W_OK).catch((error: NodeJS.ErrnoException) => {
      throw fail(`the ${format} report cannot be written there (${error.code ?? error.message})`);
    });
  }
}

/**
 * Writes every report. Whatever goes to files, the failures, the summary and the verdict are
 * named on stdout; a file that cannot be written is one line on stderr and false.
 */
export async function writeReports(report: VerifyReport, reporters: readonly Reporter[]): Promise<boolean> {
  let textOnStdout = false;
  const written: string[] = [];
  const unwritten: string[] = [];
  for (const { format, path } of reporters) {
    const text = FORMATS[format](report);
    if (path === undefined) {
      process.stdout.write(text);
      textOnStdout ||= format === 'text';
      continue;
    }
    try {
      await writeFile(path, text);
      written.push(`${format} report written to ${path}`);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
      unwritten.push(`video-jobs-mock: error: could not write the ${format} report to ${path} (${oneLine(code)})`);
    }
  }
  if (textOnStdout) {
    for (const line of written) console.error(line);
  } else {
    const toStdout = !reporters.some((r) => r.path === undefined);
    // Failures are always named on stdout, whatever went to files (or could not).
    const log = toStdout ? (line: string) => console.log(line) : (line: string) => console.error(line);
    if (toStdout) process.stdout.write(reportFailures(report));
    for (const line of written) log(line);
    const failed = report.checks.filter((c) => c.status === 'failed').length;
    log(report.passed ? 'verify passed' : `verify failed: ${failed > 0 ? `${failed} check(s) failed` : report.nothingVerified ? 'nothing was verified' : strictVerdict(report)}`);
  }
  for (const line of unwritten) console.error(line);
  return unwritten.length === 0;
}
