import { InvalidArgumentError } from 'commander';
import { MAX_LATENCY_MS, type Latency } from '../core/faults/FaultRule.js';

/** Commander argument parsers: a bad value becomes commander's one-line error and exit 1. */
export function integer(min: number, max: number) {
  return (text: string): number => {
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < min || value > max) {
      throw new InvalidArgumentError(`expected an integer from ${min} to ${max}.`);
    }
    return value;
  };
}

export function positiveNumber(text: string): number {
  const value = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !(value > 0)) throw new InvalidArgumentError('expected a number greater than 0, e.g. 1, 0.5 or 60.');
  return value;
}

export function commaList(text: string): string[] {
  const items = text.split(',').map((k) => k.trim()).filter(Boolean);
  if (items.length === 0) throw new InvalidArgumentError('expected at least one value.');
  return items;
}

export function latency(text: string): Latency {
  const match = /^(\d{1,6})(?:-(\d{1,6}))?$/.exec(text);
  if (!match) throw new InvalidArgumentError('expected <ms> or <min>-<max>, e.g. 200 or 100-500.');
  const min = Number(match[1]);
  const max = Number(match[2] ?? match[1]);
  if (max > MAX_LATENCY_MS) throw new InvalidArgumentError(`at most ${MAX_LATENCY_MS} ms.`);
  if (min > max) throw new InvalidArgumentError(`min ${min} is greater than max ${max}.`);
  return match[2] === undefined ? min : { min, max };
}

export function httpUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InvalidArgumentError('expected an http(s) URL, e.g. http://127.0.0.1:8080.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidArgumentError('expected an http(s) URL.');
  }
  return text;
}

/** `--admin-origin`: web page origins, e.g. `http://localhost:5173,https://app.example`. */
export function originList(text: string): string[] {
  return commaList(text).map((item) => {
    let url: URL;
    try {
      url = new URL(item);
    } catch {
      throw new InvalidArgumentError(`"${item}" is not an origin such as http://localhost:5173.`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new InvalidArgumentError(`"${item}" is not an http(s) origin.`);
    }
    return url.origin;
  });
}
