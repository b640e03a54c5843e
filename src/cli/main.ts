#!/usr/bin/env node
import { Command, InvalidArgumentError } from 'commander';
import { ConfigError } from '../errors/ConfigError.js';
import type { Latency } from '../faults/FaultRule.js';
import { defaults, startServer } from '../startServer.js';

const program = new Command('video-jobs-mock')
  .description('Mock of the AI gateway video jobs API (GET /v1/videos) driven by openapi.yaml')
  .option('--port <n>', 'port to listen on, 0 for any free port (env PORT)', integer(0, 65535), envInteger('PORT', defaults.port))
  .option('--host <addr>', 'address to bind (env HOST)', process.env['HOST'] ?? defaults.host)
  .option('--seed <n>', 'seed of the fake data', integer(0, 2 ** 32 - 1), defaults.seed)
  .option('--jobs <n>', 'jobs per provider that can list videos', integer(0, 2 ** 32 - 1), defaults.jobs)
  .option('--now <time>', 'instant the timestamps are anchored to (ISO 8601 or unix seconds)', defaults.now)
  .option('--spec <path>', 'OpenAPI document to serve (default: the bundled openapi.yaml)')
  .option('--providers <path>', 'provider catalog JSON (default: the bundled fixtures/providers.json)')
  .option('--keys <list>', 'comma-separated virtual keys to accept (default: any sk-bf- key or JWT)', list)
  .option('--faults <file>', 'scenario file (YAML or JSON) of fault rules, first match wins')
  .option('--latency <ms>', 'delay added to every response: <ms> or <min>-<max>', latency)
  .option('--admin-token <token>', 'require this X-Mock-Admin-Token on /__mock and allow it beyond loopback (env MOCK_ADMIN_TOKEN)', process.env['MOCK_ADMIN_TOKEN'])
  .showHelpAfterError('(run with --help for usage)')
  .action(async (flags: Flags) => {
    const server = await startServer({
      port: flags.port,
      host: flags.host,
      seed: flags.seed,
      jobs: flags.jobs,
      now: flags.now,
      specPath: flags.spec,
      providersPath: flags.providers,
      keys: flags.keys,
      faultsPath: flags.faults,
      latency: flags.latency,
      adminToken: flags.adminToken,
    });
    const { info } = server;
    console.log(`video-jobs-mock listening on ${server.url}`);
    console.log(`  spec ${info.specPath}`);
    console.log(`  seed ${info.seed}, now ${info.now.toISOString()}`);
    console.log(
      `  jobs ${info.jobs.map((j) => `${j.provider} ${j.count}`).join(', ')}; cannot list: ${info.cannotList.join(', ')}`,
    );
    console.log(`  faults ${info.faultRules} rule(s)${flags.faults ? ` from ${flags.faults}` : ''}; admin API ${adminLine(info.admin, server.url)}`);
    console.log(
      `  try: curl -H 'Authorization: Bearer sk-bf-demo' '${server.url}/v1/videos?provider=openai&limit=2'`,
    );
    const stop = (signal: string) => {
      console.log(`${signal}: closing`);
      server.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

interface Flags {
  port: number;
  host: string;
  seed: number;
  jobs: number;
  now: string;
  spec?: string;
  providers?: string;
  keys?: string[];
  faults?: string;
  latency?: Latency;
  adminToken?: string;
}

function adminLine(mode: string, url: string): string {
  if (mode === 'off') return 'off (not loopback, no --admin-token)';
  return `${url}/__mock${mode === 'token' ? ' (X-Mock-Admin-Token required)' : ' (loopback only)'}`;
}

function latency(text: string): Latency {
  const match = /^(\d{1,6})(?:-(\d{1,6}))?$/.exec(text);
  if (!match) throw new InvalidArgumentError('expected <ms> or <min>-<max>, e.g. 200 or 100-500.');
  const min = Number(match[1]);
  if (match[2] === undefined) return min;
  const max = Number(match[2]);
  if (min > max) throw new InvalidArgumentError(`min ${min} is greater than max ${max}.`);
  return { min, max };
}

function integer(min: number, max: number) {
  return (text: string): number => {
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < min || value > max) {
      throw new InvalidArgumentError(`expected an integer from ${min} to ${max}.`);
    }
    return value;
  };
}

function envInteger(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  try {
    return integer(0, 65535)(text);
  } catch {
    console.error(`video-jobs-mock: error: environment variable ${name}=${text} is not a port number`);
    process.exit(1);
  }
}

function list(text: string): string[] {
  const keys = text.split(',').map((k) => k.trim()).filter(Boolean);
  if (keys.length === 0) throw new InvalidArgumentError('expected at least one key.');
  return keys;
}

program.parseAsync().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`video-jobs-mock: error: ${error.message}`);
  } else {
    console.error(`video-jobs-mock: unexpected error: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exit(1);
});
