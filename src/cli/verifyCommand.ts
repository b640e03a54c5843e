import { writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { reportJunit } from '../verify/reportJunit.js';
import { reportText } from '../verify/reportText.js';
import { verifyServer } from '../verify/verifyServer.js';
import { httpUrl, integer } from './parsers.js';

interface VerifyFlags {
  baseUrl: string;
  token?: string;
  provider: string;
  maxPages: number;
  spec?: string;
  reporter: 'text' | 'junit';
  output?: string;
}

/** `verify`: crawl any server's list endpoint and check it against the contract. */
export function verifyCommand(program: Command, env: NodeJS.ProcessEnv): Command {
  return program
    .command('verify')
    .description('check a running server (the mock or a real gateway) against openapi.yaml and the pagination rules')
    .requiredOption('--base-url <url>', 'server to check, e.g. http://127.0.0.1:8080', httpUrl)
    .option('--token <key>', 'virtual key or JWT sent as Bearer (env VERIFY_TOKEN)', env['VERIFY_TOKEN'] ?? 'sk-bf-verify')
    .option('--provider <name>', 'provider to list', 'openai')
    .option('--max-pages <n>', 'pages per walk at most', integer(1, 100000), 50)
    .option('--spec <path>', 'OpenAPI document to check against (default: the bundled openapi.yaml)')
    .addOption(new Option('--reporter <name>', 'output format').choices(['text', 'junit']).default('text'))
    .option('--output <file>', 'write the report to a file instead of stdout')
    .action(async (flags: VerifyFlags) => {
      const interactive = process.stderr.isTTY === true;
      let lastWalk = '';
      const report = await verifyServer({
        baseUrl: flags.baseUrl,
        provider: flags.provider,
        maxPages: flags.maxPages,
        ...(flags.token && { token: flags.token }),
        ...(flags.spec && { specPath: flags.spec }),
        onProgress: (message) => {
          if (interactive) {
            process.stderr.write(`\r\x1b[2K${message}`);
            return;
          }
          // In CI logs: one line per walk, not one per page.
          const walk = message.replace(/: page \d+$/, '');
          if (walk !== lastWalk) process.stderr.write(`${walk}...\n`);
          lastWalk = walk;
        },
      });
      if (interactive) process.stderr.write('\r\x1b[2K');
      const text = flags.reporter === 'junit' ? reportJunit(report) : reportText(report);
      if (flags.output) {
        await writeFile(flags.output, text);
        const failed = report.checks.filter((c) => c.status === 'failed').length;
        console.log(`${report.passed ? 'verify passed' : `verify failed: ${failed} check(s)`}; report written to ${flags.output}`);
      } else {
        process.stdout.write(text);
      }
      process.exitCode = report.passed ? 0 : 1;
    });
}
