/** A bad environment variable. The message names variables and accepted values only. */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}
