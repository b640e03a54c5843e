/** The serve flags, as npm names them in `npm_config_*` when it takes them for its own. */
const serveFlags = ['port', 'host', 'seed', 'jobs', 'now', 'spec', 'providers', 'keys', 'faults', 'latency', 'admin-token'];

/**
 * `npm start --port 9000` (without `--`) hands `--port` to npm, which keeps it as its own
 * config (`npm_config_port=true`), and passes only `9000` on: the mock would see a stray
 * argument, or nothing at all with `--port=9000`. Returns the one-line error that says what
 * to type instead, or undefined when nothing went astray.
 */
export function misplacedFlags(args: readonly string[], env: NodeJS.ProcessEnv): string | undefined {
  const underNpm = env['npm_lifecycle_event'] !== undefined;
  const taken = underNpm
    ? serveFlags.flatMap((flag) => {
        const value = env[`npm_config_${flag.replace(/-/g, '_')}`];
        return value === undefined ? [] : [{ flag, value }];
      })
    : [];
  if (args.length === 0 && taken.length === 0) return undefined;
  if (taken.length === 0) {
    return `unexpected argument ${JSON.stringify(args[0])}: the mock takes flags only (run with --help for usage)`;
  }
  // Rebuild what the user meant: a flag npm read as `true` took the next stray argument.
  const strays = [...args];
  const meant = taken.map(({ flag, value }) => (value === 'true' && strays.length > 0 ? `--${flag} ${strays.shift() ?? ''}` : `--${flag} ${value}`));
  const command = env['npm_lifecycle_event'] === 'start' ? 'npm start' : `npm run ${env['npm_lifecycle_event'] ?? 'start'}`;
  return `npm took ${taken.map(({ flag }) => `--${flag}`).join(', ')} for itself; put -- before the mock's flags: ${command} -- ${[...meant, ...strays].join(' ')}`;
}
