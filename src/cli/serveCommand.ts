import { Option, type Command } from 'commander';
import type { Latency } from '../core/faults/FaultRule.js';
import { defaultConnectionLimits } from '../hosts/express/connectionLimits.js';
import { defaults } from '../hosts/express/ServerOptions.js';
import { ConfigError } from '../core/errors/ConfigError.js';
import { exitWithParent } from './exitWithParent.js';
import { misplacedFlags } from './misplacedFlags.js';
import { oneLine } from './oneLine.js';
import { commaList, integer, latency, originList, positiveNumber } from './parsers.js';

interface ServeFlags {
  port?: number;
  host: string;
  seed: number;
  jobs: number;
  now?: string;
  clock: 'live' | 'frozen';
  renderSpeed: number;
  spec?: string;
  providers?: string;
  keys?: string[];
  faults?: string;
  latency?: Latency;
  adminToken?: string;
  adminOrigin?: string[];
  watch?: boolean;
  maxConnections?: number;
  maxHeld?: number;
  maxBodyMemory?: number;
}

const MB = 1024 * 1024;

/** The default command: serve the mock until SIGINT/SIGTERM. */
export function serveCommand(program: Command, env: NodeJS.ProcessEnv): Command {
  return program
    // Stray arguments reach the action, which says what was meant (see misplacedFlags).
    .allowExcessArguments(true)
    .option('--port <n>', `port to listen on, 0 for any free port (env PORT, default ${defaults.port})`, integer(0, 65535))
    .option('--host <addr>', 'address to bind (env HOST)', env['HOST'] || defaults.host)
    .option('--seed <n>', 'seed of the fake data and of fault probabilities', integer(0, 2 ** 32 - 1), defaults.seed)
    .option('--jobs <n>', 'jobs per provider that can list videos', integer(0, 2 ** 32 - 1), defaults.jobs)
    .option('--now <time>', `instant the seeded jobs are anchored to and a frozen clock stands at (ISO 8601 or unix seconds; default: the start time with --clock live, ${defaults.now} with --clock frozen)`)
    .addOption(new Option('--clock <mode>', 'live: time flows from the real time; frozen: time stands at --now until moved with POST /__mock/clock').choices(['live', 'frozen']).default('live'))
    .option('--render-speed <x>', 'jobs render this many times faster (0.01 to 100000)', positiveNumber, 1)
    .option('--spec <path>', 'OpenAPI document to serve (default: the bundled openapi.yaml)')
    .option('--providers <path>', 'provider catalog JSON (default: the bundled fixtures/providers.json)')
    .option('--keys <list>', 'comma-separated virtual keys to accept (default: any sk-bf- key or JWT)', commaList)
    .option('--faults <file>', 'scenario file (YAML or JSON) of fault rules, first match wins')
    .option('--latency <ms>', 'delay added to every response: <ms> or <min>-<max>', latency)
    .option('--admin-token <token>', 'require this X-Mock-Admin-Token on /__mock, and allow it beyond loopback (env MOCK_ADMIN_TOKEN)', env['MOCK_ADMIN_TOKEN'])
    .option('--admin-origin <urls>', 'comma-separated web page origins that may use the admin API from a browser (with the token, when one is set)', originList)
    .option('--watch', 'reload --spec, --providers and --faults when the files change')
    .option('--max-connections <n>', `open connections at most; past it the oldest idle one is closed, else one not reading its answers, else the slowest body (default ${defaultConnectionLimits.maxConnections})`, integer(1, 100_000))
    .option('--max-held <n>', `hang and slow (>= 1 s) faults under way at most; past it a 503 at once (default ${defaultConnectionLimits.maxHeld})`, integer(1, 100_000))
    .option('--max-body-memory <MB>', `MB of request bodies held at once across all connections; past it a 503 with Retry-After (default ${defaultConnectionLimits.bodyMemoryBytes / MB})`, integer(1, 2047))
    .action(async (flags: ServeFlags, command: Command) => {
      const misplaced = misplacedFlags(command.args, env);
      if (misplaced) throw new ConfigError(misplaced);
      // Loaded by the command that uses it: `verify` and `--help` never do.
      const { startServer } = await import('../hosts/express/startServer.js');
      const server = await startServer({
        // PORT is read here, not when flags are declared, so `verify` never trips on it.
        port: flags.port ?? portFromEnv(env),
        host: flags.host,
        seed: flags.seed,
        jobs: flags.jobs,
        ...(flags.now !== undefined && { now: flags.now }),
        clock: flags.clock,
        renderSpeed: flags.renderSpeed,
        specPath: flags.spec,
        providersPath: flags.providers,
        keys: flags.keys,
        faultsPath: flags.faults,
        latency: flags.latency,
        adminToken: flags.adminToken,
        adminOrigins: flags.adminOrigin,
        watch: flags.watch === true,
        limits: {
          ...(flags.maxConnections !== undefined && { maxConnections: flags.maxConnections }),
          ...(flags.maxHeld !== undefined && { maxHeld: flags.maxHeld }),
          ...(flags.maxBodyMemory !== undefined && { bodyMemoryBytes: flags.maxBodyMemory * MB }),
        },
      });
      const { info } = server;
      const admin =
        info.admin === 'off'
          ? 'off (not loopback, no --admin-token)'
          : `${server.url}/__mock${info.admin === 'token' ? ' (X-Mock-Admin-Token required)' : ' (loopback only)'}`;
      console.log(`video-jobs-mock listening on ${server.url}`);
      console.log(`  spec ${info.specPath}`);
      console.log(`  seed ${info.seed}, now ${info.now.toISOString()}, clock ${info.clock}, render speed ${info.renderSpeed}`);
      console.log(`  jobs ${info.jobs.map((j) => `${j.provider} ${j.count}`).join(', ')}; cannot list: ${info.cannotList.join(', ')}`);
      console.log(`  domain-served: ${info.operations.domain.join(', ') || '(none)'}`);
      console.log(`  schema-served: ${info.operations.schema.join(', ') || '(none)'}`);
      if (info.watching.length > 0) console.log(`  watching ${info.watching.join(', ')} (a broken edit keeps the last good version)`);
      console.log(`  faults ${info.faultRules} rule(s)${flags.faults ? ` from ${flags.faults}` : ''}; admin API ${admin}`);
      if (info.admin !== 'off') console.log(`  console ${server.url}/__mock/`);
      console.log(`  try: curl -H 'Authorization: Bearer sk-bf-demo' '${server.url}/v1/videos?provider=openai&limit=2'`);
      let stopping = false;
      const stop = (reason: string) => {
        if (stopping) return;
        stopping = true;
        console.log(`${reason}: closing`);
        server.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      exitWithParent(env, stop);
    });
}

function portFromEnv(env: NodeJS.ProcessEnv): number {
  const text = env['PORT'];
  if (text === undefined || text === '') return defaults.port;
  try {
    return integer(0, 65535)(text);
  } catch {
    console.error(`video-jobs-mock: error: ${oneLine(`environment variable PORT=${text} is not a port number`)}`);
    process.exit(1);
  }
}
