import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

interface ComposeService {
  environment?: Record<string, string | number | boolean | null> | string[];
  depends_on?: Record<string, { condition?: string }> | string[];
  command?: string[] | string;
  healthcheck?: { test?: string[] | string };
  stop_grace_period?: string;
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
}

export function readComposeFile(path = 'docker-compose.yml'): ComposeFile {
  return parse(readFileSync(path, 'utf8')) as ComposeFile;
}

/**
 * Compose's interpolation (docs.docker.com, "Interpolation"): `${NAME}`, `${NAME:-default}`,
 * `${NAME-default}` and `$NAME` from the shell environment `shell`; `$$` is a literal `$`.
 */
export function interpolate(value: string, shell: Record<string, string | undefined>): string {
  return value.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (match, braced?: string, operator?: string, fallback?: string, bare?: string) => {
      if (match === '$$') return '$';
      const current = shell[(braced ?? bare) as string];
      if (operator === ':-') return current ? current : (fallback ?? '');
      if (operator === '-') return current ?? fallback ?? '';
      return current ?? '';
    },
  );
}

/** A service's environment as compose hands it to the container, from the shell `shell`. */
export function serviceEnvironment(
  service: ComposeService,
  shell: Record<string, string | undefined> = {},
): Record<string, string> {
  const entries = Array.isArray(service.environment)
    ? service.environment.map((line) => line.split(/=(.*)/s, 2) as [string, string])
    : Object.entries(service.environment ?? {}).map(([name, value]) => [name, String(value ?? '')]);
  return Object.fromEntries(entries.map(([name, value]) => [name, interpolate(value, shell)]));
}
