import { errors } from '../errors/catalog.js';

export interface Credentials {
  authorization?: string;
  virtualKey?: string;
}

export interface AuthPolicy {
  /** When set, only these keys are accepted; otherwise any `sk-bf-` key or JWT is. */
  keys?: ReadonlySet<string>;
}

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** The key a request presents, found the way the gateway finds it: `x-bf-vk` wins over a Bearer token. */
export function presentedKey({ authorization, virtualKey }: Credentials): string | undefined {
  return virtualKey?.trim() || /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
}

/** Finds the caller's key the way the gateway does and throws the gateway's 401 if it fails. */
export function authenticate(credentials: Credentials, policy: AuthPolicy): string {
  const key = presentedKey(credentials);
  if (!key) throw errors.virtualKeyRequired();
  const accepted = policy.keys
    ? policy.keys.has(key)
    : key.startsWith('sk-bf-') || JWT_SHAPE.test(key);
  if (!accepted) throw errors.virtualKeyNotFound();
  return key;
}
