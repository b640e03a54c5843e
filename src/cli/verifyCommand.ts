import { InvalidArgumentError, type Command } from 'commander';
import { ConfigError } from '../core/errors/ConfigError.js';
import { verifyDefaults } from '../verify/verifyDefaults.js';
import { VerifyOptionError } from '../verify/walkLimits.js';
import { commaList, httpUrl, integer } from './parsers.js';
import { placeReporters, prepareReportFiles, reporter, writeReports, type Reporter } from './verifyReporters.js';

interface VerifyFlags {
  baseUrl: string;
  token: string;
  header: Record<string, string>;
  provider: string;
  maxPages: number;
  limits?: number[];
  spec?: string;
  reporter?: Reporter[];
  output?: string;
  strict: boolean;
  timeout: number;
  retries: number;
  concurrency: number;
  allowMissingParam?: boolean;
  cannotListProvider: string;
  foreignProvider?: string;
  lifecycle: boolean;
  lifecycleModel?: string;
  lifecycleSeconds: string;
  lifecycleSize: string;
  lifecycleTimeout: number;
}

function header(text: string, previous: Record<string, string> = {}): Record<string, string> {
  const match = /^([A-Za-z0-9-]+):\s*(.*)$/.exec(text);
  if (!match) throw new InvalidArgumentError('expected "Name: value", e.g. "x-bf-vk: sk-bf-...".');
  return { ...previous, [match[1]!]: match[2]! };
}

/** Each page size is two walks: a cap keeps a run's length bounded. */
const MAX_LIMITS = 10;

function limitList(text: string): number[] {
  const limits = commaList(text).map(integer(1, 100000));
  if (limits.length > MAX_LIMITS) throw new InvalidArgumentError(`at most ${MAX_LIMITS} page sizes.`);
  return limits;
}

const d = verifyDefaults;

/** `verify`: crawl any server's list endpoint and check it against the contract. */
export function verifyCommand(program: Command, env: NodeJS.ProcessEnv): Command {
  return program
    .command('verify')
    // `verify --version` answers like the top-level --version, before --base-url is required.
    .version(program.version() ?? '', '-V, --version', 'print the version')
    .description('check a running server (the mock or a real gateway) against openapi.yaml: every operation, the pagination rules and (with --lifecycle) the job lifecycle')
    .requiredOption('--base-url <url>', 'server to check, e.g. http://127.0.0.1:8080', httpUrl)
    .option('--token <key>', 'virtual key or JWT sent as Bearer (env VERIFY_TOKEN)', env['VERIFY_TOKEN'] ?? d.token)
    .option('--header <header>', 'extra header on every request, "Name: value" (repeatable; an x-bf-vk header replaces the token)', header)
    .option('--provider <name>', 'provider to list', d.provider)
    .option('--max-pages <n>', 'pages per walk at most', integer(1, 100000), d.maxPages)
    .option('--limits <list>', `page sizes to walk, each in both orders, at most ${MAX_LIMITS} (default ${d.limits.join(',')})`, limitList)
    .option('--spec <path>', 'OpenAPI document to check against (default: the bundled openapi.yaml)')
    .option('--reporter <format[:file]>', 'text, junit or json, to stdout or :<file> (repeatable; default text)', reporter)
    .option('--output <file>', 'write the one reporter given without a file here instead of stdout')
    .option('--strict', 'skipped checks and warnings fail the run', d.strict)
    .option('--timeout <ms>', 'per request', integer(1, 600_000), d.timeoutMs)
    .option('--retries <n>', 'extra attempts after a 429 or 503, waiting as Retry-After says', integer(0, 10), d.retries)
    .option('--concurrency <n>', 'requests in flight at most (lower it for slow or rate-limited targets)', integer(1, 64), d.concurrency)
    .option('--allow-missing-param', 'no effect, kept for old configs: an error without error.param is now a warning (it fails the run only with --strict)')
    .option('--cannot-list-provider <name>', 'a provider that exists but cannot list', d.cannotListProvider)
    .option('--foreign-provider <name>', 'a provider whose ids must be refused as cursors (default azure, or openai for azure)')
    .option('--lifecycle', 'also run the operations that write: create, remix and delete jobs on the target, then delete them', d.lifecycle)
    .option('--lifecycle-model <provider/model>', 'model for --lifecycle (default <provider>/sora-2)')
    .option('--lifecycle-seconds <n>', "the lifecycle job's duration: one the model supports, not its default", d.lifecycleSeconds)
    .option('--lifecycle-size <WxH>', "the lifecycle job's size: one the model supports, not its default", d.lifecycleSize)
    .option('--lifecycle-timeout <ms>', 'how long --lifecycle polls for the job to finish', integer(1, 3_600_000), d.lifecycleTimeoutMs)
    .action(async (flags: VerifyFlags) => {
      const reporters = placeReporters(flags.reporter ?? [{ format: 'text' }], flags.output);
      await prepareReportFiles(reporters);
      if (flags.lifecycle) console.error(`warning: --lifecycle creates jobs on ${flags.baseUrl} (and deletes them at the end)`);
      // Loaded by the command that uses it: `serve` never does.
      const { verifyServer } = await import('../verify/verifyServer.js');
      const report = await verifyServer({
        baseUrl: flags.baseUrl,
        token: flags.token,
        ...(flags.header && { headers: flags.header }),
        provider: flags.provider,
        maxPages: flags.maxPages,
        ...(flags.limits && { limits: flags.limits }),
        ...(flags.spec && { specPath: flags.spec }),
        strict: flags.strict,
        timeoutMs: flags.timeout,
        retries: flags.retries,
        concurrency: flags.concurrency,
        cannotListProvider: flags.cannotListProvider,
        ...(flags.foreignProvider && { foreignProvider: flags.foreignProvider }),
        lifecycle: flags.lifecycle,
        ...(flags.lifecycleModel && { lifecycleModel: flags.lifecycleModel }),
        lifecycleSeconds: flags.lifecycleSeconds,
        lifecycleSize: flags.lifecycleSize,
        lifecycleTimeoutMs: flags.lifecycleTimeout,
        // Progress goes to stderr, one line per stage, so CI logs stay short.
        onProgress: (message) => process.stderr.write(`${message}\n`),
      }).catch((error: unknown) => {
        // verifyServer names its option (`limits`); the user typed the flag (`--limits`).
        if (error instanceof VerifyOptionError) throw new ConfigError(`--${error.option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${error.problem}`);
        throw error;
      });
      const written = await writeReports(report, reporters);
      process.exitCode = report.passed && written ? 0 : 1;
    });
}
