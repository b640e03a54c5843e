/**
 * A problem with something the user gave at startup (a flag, the spec, a fixture).
 * Its message is one line that names the file or flag, ready to print as is.
 */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}
