#!/usr/bin/env node
import { Command, InvalidArgumentError } from 'commander';
import { ConfigError } from '../errors/ConfigError.js';
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
    });
    const { info } = server;
    console.log(`video-jobs-mock listening on ${server.url}`);
    console.log(`  spec ${info.specPath}`);
    console.log(`  seed ${info.seed}, now ${info.now.toISOString()}`);
    console.log(
      `  jobs ${info.jobs.map((j) => `${j.provider} ${j.count}`).join(', ')}; cannot list: ${info.cannotList.join(', ')}`,
    );
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
