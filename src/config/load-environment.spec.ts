import { ConfigurationError } from './configuration.error.js';
import { loadEnvironment } from './load-environment.js';

describe('loadEnvironment', () => {
  it('applies the documented defaults', () => {
    expect(loadEnvironment({})).toMatchObject({
      PORT: 8000,
      HOST: '0.0.0.0',
      LOG_LEVEL: 'INFO',
      LOG_TRACE_ENABLED: true,
      SSE_KEEPALIVE_INTERVAL: 30,
      HTTP_TOOL_TIMEOUT: 30,
      WORKERS: 1,
      MAX_PAYLOAD_BYTES: 1024 * 1024,
      SHUTDOWN_GRACE_SECONDS: 30,
    });
  });

  it('parses values and normalises case', () => {
    const env = loadEnvironment({
      PORT: '9000',
      LOG_LEVEL: 'debug',
      LOG_TRACE_ENABLED: 'FALSE',
      LOG_FORMAT: 'PRETTY',
    });
    expect(env).toMatchObject({
      PORT: 9000,
      LOG_LEVEL: 'DEBUG',
      LOG_TRACE_ENABLED: false,
      LOG_FORMAT: 'pretty',
    });
  });

  it('treats empty strings as unset and ignores unrelated variables', () => {
    expect(loadEnvironment({ PORT: '', UNRELATED: 'x' }).PORT).toBe(8000);
  });

  it('names every bad variable in one message without quoting values', () => {
    const attempt = () => loadEnvironment({ PORT: 'sk-secret', WORKERS: '2.5' });
    expect(attempt).toThrow(ConfigurationError);
    expect(attempt).toThrow(
      'Invalid configuration: PORT must be an integer from 0 to 65535; WORKERS must be an integer from 1 to 64',
    );
    expect(attempt).not.toThrow(/sk-secret/);
  });
});
