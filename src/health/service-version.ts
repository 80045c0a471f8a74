import { readFileSync } from 'node:fs';

/** The package version, read once; the same relative path works from src/ and dist/. */
export const SERVICE_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

export const SERVICE_NAME = 'execution-plane';
export const PROTOCOL_VERSION = '1';
