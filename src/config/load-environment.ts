import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ConfigurationError } from './configuration.error.js';
import { EnvironmentVariables } from './environment.schema.js';

type RawEnvironment = Record<string, unknown>;

/** Rules between settings, each with why it holds. */
const CROSS_CHECKS: { broken: (settings: EnvironmentVariables) => boolean; message: string }[] = [
  {
    // A resume or cancel may land on any worker; only a shared store can reach the run's owner.
    broken: (settings) => settings.WORKERS > 1 && !settings.REDIS_URL,
    message:
      'WORKERS > 1 needs REDIS_URL (resume, cancel and run status must reach the worker that owns a run)',
  },
  {
    // Node refuses a headers timeout longer than the request timeout it is part of.
    broken: (settings) =>
      settings.HTTP_HEADERS_TIMEOUT_SECONDS > settings.HTTP_REQUEST_TIMEOUT_SECONDS,
    message: 'HTTP_HEADERS_TIMEOUT_SECONDS must not exceed HTTP_REQUEST_TIMEOUT_SECONDS',
  },
  {
    // A lease renewed no more often than it expires would lapse under a live owner.
    broken: (settings) =>
      settings.RUN_OWNER_LEASE_RENEW_SECONDS >= settings.RUN_OWNER_LEASE_TTL_SECONDS,
    message: 'RUN_OWNER_LEASE_RENEW_SECONDS must be less than RUN_OWNER_LEASE_TTL_SECONDS',
  },
  {
    // The total budget holds at least one whole run, or a single run could never finish.
    broken: (settings) => settings.RUN_LOG_MAX_BYTES > settings.RUN_LOG_MAX_TOTAL_BYTES,
    message: 'RUN_LOG_MAX_BYTES must not exceed RUN_LOG_MAX_TOTAL_BYTES',
  },
];

/**
 * Parses and validates the environment into typed settings, defaults applied.
 * Empty strings count as unset, as in most process managers' env files.
 * Throws one ConfigurationError listing every bad variable (names and rules, no values).
 */
export function loadEnvironment(raw: RawEnvironment = process.env): EnvironmentVariables {
  const known = new Set(Object.keys(new EnvironmentVariables()));
  const provided = Object.fromEntries(
    Object.entries(raw).filter(
      ([name, value]) => known.has(name) && value !== undefined && value !== '',
    ),
  );
  const settings = plainToInstance(EnvironmentVariables, provided);
  const failures = validateSync(settings, { stopAtFirstError: true });
  if (failures.length > 0) {
    const reasons = failures.flatMap((failure) => Object.values(failure.constraints ?? {}));
    throw new ConfigurationError(`Invalid configuration: ${reasons.join('; ')}`);
  }
  const broken = CROSS_CHECKS.find((check) => check.broken(settings));
  if (broken) throw new ConfigurationError(`Invalid configuration: ${broken.message}`);
  return settings;
}
