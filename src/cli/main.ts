#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { ConfigError } from '../core/errors/ConfigError.js';
import { oneLine } from './oneLine.js';
import { serveCommand } from './serveCommand.js';
import { verifyCommand } from './verifyCommand.js';

// process.env is read here and nowhere else.
const program = new Command('video-jobs-mock')
  .description("Mock of the AI gateway's video jobs API, driven by openapi.yaml: list, create, poll, download, remix and delete jobs that move through time")
  .version(packageVersion(), '-V, --version', 'print the version')
  .enablePositionalOptions()
  // Every startup error is one line, whatever a flag's value holds (a newline, a megabyte).
  .configureOutput({ outputError: (text, write) => write(`${oneLine(text.trimEnd())} (run with --help for usage)\n`) });
serveCommand(program, process.env);
verifyCommand(program, process.env);

program.parseAsync().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`video-jobs-mock: error: ${oneLine(error.message)}`);
  } else if (error instanceof Error && error.name === 'TypeError' && error.message === 'fetch failed') {
    const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
    console.error(`video-jobs-mock: error: cannot reach the server (${oneLine(cause?.code ?? cause?.message ?? 'fetch failed')})`);
  } else {
    console.error(`video-jobs-mock: unexpected error: ${oneLine(error instanceof Error ? error.message : String(error))}`);
  }
  process.exit(1);
});

/** The installed package's own version (package.json sits two levels above dist/cli). */
function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}
