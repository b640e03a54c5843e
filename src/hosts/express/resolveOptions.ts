import { ConfigError } from '../../core/errors/ConfigError.js';
import { checkInteger, resolveWorldOptions, type WorldSettings } from '../../core/settings/resolveWorldOptions.js';
import { isLoopbackName, type AdminAccess } from './admin/adminRouter.js';
import { defaultConnectionLimits, type ConnectionLimits } from './connectionLimits.js';
import { defaultSpecPath } from '../../files/defaultSpecPath.js';
import { defaults, serverOptionNames, type ServerOptions } from './ServerOptions.js';
import { checkOptionNames } from '../../core/settings/checkOptionNames.js';
import { resolveSharedOptions, type SharedSettings } from '../../core/settings/sharedOptions.js';

/** ServerOptions with every default filled in and every value checked. */
export interface ResolvedOptions extends WorldSettings, SharedSettings {
  port: number;
  host: string;
  specPath: string;
  limits: ConnectionLimits;
  admin: AdminAccess;
}

/**
 * Checks the options before anything is loaded or bound, so a bad one is a ConfigError naming
 * it (one line from the CLI), never a half-started server.
 */
export function resolveOptions(options: ServerOptions): ResolvedOptions {
  checkOptionNames('startServer', options, serverOptionNames);
  checkOptionNames('startServer limits', options.limits, Object.keys(defaultConnectionLimits));
  const port = options.port ?? defaults.port;
  const host = options.host ?? defaults.host;
  const world = resolveWorldOptions(options);
  checkInteger('port', port, 0, 65535);
  const given = Object.entries(options.limits ?? {}).filter(([, value]) => value !== undefined);
  const limits: ConnectionLimits = { ...defaultConnectionLimits, ...Object.fromEntries(given) };
  for (const [name, value] of Object.entries(limits)) checkInteger(`limits.${name}`, value, 1, 2 ** 31 - 1);
  checkAdminToken(options.adminToken);
  const shared = resolveSharedOptions(options);
  if (options.shutdownGraceMs !== undefined) checkInteger('shutdownGraceMs', options.shutdownGraceMs, 0, 2 ** 31 - 1);
  for (const origin of options.adminOrigins ?? []) checkOrigin(origin);
  return {
    ...world,
    port,
    host,
    specPath: options.specPath ?? defaultSpecPath,
    limits,
    admin: adminAccess(host, options.adminToken),
    ...shared,
  };
}

function adminAccess(host: string, token: string | undefined): AdminAccess {
  if (token) return { mode: 'token', token };
  return isLoopbackName(host) ? { mode: 'loopback' } : { mode: 'off' };
}

/**
 * The token travels in a header: it must be printable ASCII (spaces inside are fine), with no
 * space at either end, which HTTP would strip. Said at startup, not as a 401 on every call.
 */
function checkAdminToken(token: string | undefined): void {
  if (!token) return;
  if (!/^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/.test(token)) {
    throw new ConfigError(
      'admin token: a header cannot carry it as given; use printable ASCII characters only, with no space at either end',
    );
  }
}

function checkOrigin(origin: string): void {
  const protocol = URL.canParse(origin) ? new URL(origin).protocol : '';
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new ConfigError(`adminOrigins: ${JSON.stringify(origin)} is not an http(s) origin such as http://localhost:5173`);
  }
}
