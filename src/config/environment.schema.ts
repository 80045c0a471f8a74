import { IsOptional, IsString, IsUrl, Length, Matches } from 'class-validator';
import { parseHostRules } from '../tools/egress/host-rules.js';
import { parseApiKeys, parseApprovalKeys, parseWebhookKeys } from './api-keys.js';
import {
  BooleanSetting,
  ChoiceSetting,
  IntegerSetting,
  ParsedSetting,
} from './setting.decorators.js';

export const LOG_LEVELS = ['DEBUG', 'INFO', 'WARNING', 'ERROR'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];
export const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

const ONE_MIB = 1024 * 1024;

/** Every environment variable the service reads (PROTOCOL.md section 5) with its default. */
export class EnvironmentVariables {
  @IntegerSetting(0, 65535)
  PORT = 8000;

  @IsString({ message: 'HOST must be a host name or IP address' })
  @Length(1, 255, { message: 'HOST must be a host name or IP address' })
  HOST = '0.0.0.0';

  @ChoiceSetting(LOG_LEVELS)
  LOG_LEVEL: LogLevelName = 'INFO';

  @BooleanSetting()
  LOG_TRACE_ENABLED = true;

  /** json in production; `npm run start:dev` sets pretty. */
  @ChoiceSetting(LOG_FORMATS)
  LOG_FORMAT: LogFormat = 'json';

  @IntegerSetting(1, 3600, 'seconds')
  SSE_KEEPALIVE_INTERVAL = 30;

  /** The SSE `retry:` hint: how soon EventSource-style clients reconnect after a drop. */
  @IntegerSetting(100, 60_000, 'milliseconds')
  SSE_RETRY_MS = 1000;

  @IntegerSetting(1, 600, 'seconds')
  HTTP_TOOL_TIMEOUT = 30;

  @IntegerSetting(1, 64)
  WORKERS = 1;

  @IntegerSetting(1024, 100 * ONE_MIB, 'bytes')
  MAX_PAYLOAD_BYTES = ONE_MIB;

  /** A client must send its request headers within this time (Node's default: 60 s). */
  @IntegerSetting(1, 600, 'seconds')
  HTTP_HEADERS_TIMEOUT_SECONDS = 10;

  /** ...and its whole request, body included, within this one (Node's default: 300 s). */
  @IntegerSetting(1, 3600, 'seconds')
  HTTP_REQUEST_TIMEOUT_SECONDS = 30;

  @IntegerSetting(0, 3600, 'seconds')
  SHUTDOWN_GRACE_SECONDS = 30;

  /** Runs one process serves at once; more get 429 too_many_runs. */
  @IntegerSetting(1, 100_000)
  MAX_CONCURRENT_RUNS = 256;

  /** A run still going after this long is stopped (finish_reason timeout). */
  @IntegerSetting(1, 86_400, 'seconds')
  RUN_TIMEOUT_SECONDS = 300;

  /** A client that reads nothing for this long while its socket is full ends its run. */
  @IntegerSetting(1, 3600, 'seconds')
  SSE_WRITE_TIMEOUT_SECONDS = 30;

  @IntegerSetting(1, 100_000)
  MAX_MESSAGES = 1000;

  @IntegerSetting(0, 1000)
  MAX_TOOLS = 128;

  @IntegerSetting(0, 10_000)
  MAX_VAULT_ENTRIES = 256;

  /** Object keys plus array items in one body, counted before it is mapped or validated. */
  @IntegerSetting(100, 1_000_000)
  MAX_PAYLOAD_KEYS = 50_000;

  /** Bearer tokens callers must present on /v1/* and GET / (comma list); empty: no auth. */
  @ParsedSetting(parseApiKeys, 'a comma list of keys of at least 16 characters')
  SERVICE_API_KEYS = '';

  /**
   * HMAC keys of tool-call approval tokens (comma list: the first signs, all verify, so a
   * key can be rotated out); empty: payloads that ask for approval are refused.
   */
  @ParsedSetting(parseApprovalKeys, 'a comma list of keys of at least 32 characters')
  APPROVAL_SIGNING_KEYS = '';

  /**
   * Standard Webhooks secrets (`whsec_…`, comma list) signing run webhooks: each delivery
   * carries a signature per key, so a key can be rotated; empty: payloads with a webhook are
   * refused.
   */
  @ParsedSetting(parseWebhookKeys, 'a comma list of whsec_ secrets (base64 of 24+ bytes)')
  WEBHOOK_SIGNING_KEYS = '';

  /** Attempts per webhook delivery (the first and its retries, with backoff). */
  @IntegerSetting(1, 20)
  WEBHOOK_MAX_ATTEMPTS = 8;

  /** How long an approval token stays valid. */
  @IntegerSetting(60, 7 * 24 * 3600, 'seconds')
  APPROVAL_TTL_SECONDS = 3600;

  /** Frames one run may produce, in bytes (data + 96 per frame); past it the run ends (run_log_full). */
  @IntegerSetting(64 * 1024, 4096 * ONE_MIB, 'bytes')
  RUN_LOG_MAX_BYTES = 32 * ONE_MIB;

  /** Frames all runs of a process keep for resume, in bytes; past it the oldest are dropped. */
  @IntegerSetting(ONE_MIB, 64 * 1024 * ONE_MIB, 'bytes')
  RUN_LOG_MAX_TOTAL_BYTES = 256 * ONE_MIB;

  /** How long a finished run can still be replayed, cancelled (no-op) or looked up. */
  @IntegerSetting(1, 86_400, 'seconds')
  RUN_LOG_TTL_SECONDS = 600;

  /** In-memory store only: finished runs kept for replay at most; the oldest go first. */
  @IntegerSetting(0, 1_000_000)
  RUN_LOG_MAX_FINISHED_RUNS = 1000;

  /** How long a run whose client left waits for a reader to re-attach before it is cancelled. */
  @IntegerSetting(0, 3600, 'seconds')
  DISCONNECT_GRACE_SECONDS = 0;

  /**
   * The OpenTelemetry SDK's own variables (it reads them itself; docs/observability.md): an
   * OTLP endpoint turns tracing on, none leaves it off.
   */
  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'OTEL_EXPORTER_OTLP_ENDPOINT must be an http:// or https:// URL' },
  )
  OTEL_EXPORTER_OTLP_ENDPOINT: string | undefined = undefined;

  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT must be an http:// or https:// URL' },
  )
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: string | undefined = undefined;

  /** The service's name in traces; default `execution-plane`. */
  @IsOptional()
  @IsString({ message: 'OTEL_SERVICE_NAME must be a name' })
  @Length(1, 255, { message: 'OTEL_SERVICE_NAME must be a name' })
  OTEL_SERVICE_NAME: string | undefined = undefined;

  /** The OpenTelemetry kill switch: true keeps tracing off whatever the endpoint. */
  @BooleanSetting()
  OTEL_SDK_DISABLED = false;

  /** Message contents, tool arguments and results in spans (masked like logs); off by default. */
  @BooleanSetting()
  OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT = false;

  /** Shared run store (resume, cancel and status across workers and replicas); unset: in memory. */
  @IsOptional()
  @IsUrl(
    { protocols: ['redis', 'rediss'], require_protocol: true, require_tld: false },
    { message: 'REDIS_URL must be a redis:// or rediss:// URL' },
  )
  REDIS_URL: string | undefined = undefined;

  /** REDIS_URL names one node of a Redis Cluster (the others are discovered from it). */
  @BooleanSetting()
  REDIS_CLUSTER = false;

  /** With Redis: how often a process renews the owner leases of its running runs. */
  @IntegerSetting(1, 60, 'seconds')
  RUN_OWNER_LEASE_RENEW_SECONDS = 2;

  /** With Redis: a run whose owner has not renewed its lease this long is ended by another process (owner_lost). */
  @IntegerSetting(2, 600, 'seconds')
  RUN_OWNER_LEASE_TTL_SECONDS = 10;

  /** Put before every Redis key and the pub/sub channel: deployments sharing a Redis stay apart. */
  @Matches(/^[A-Za-z0-9:_.-]{0,64}$/, {
    message: 'REDIS_KEY_PREFIX must be at most 64 of A-Z a-z 0-9 : _ . -',
  })
  REDIS_KEY_PREFIX = 'ep:';

  /** Longest silence from the model endpoint: until its headers, then between chunks. */
  @IntegerSetting(1, 3600, 'seconds')
  MODEL_TIMEOUT_SECONDS = 120;

  @IntegerSetting(0, 10)
  MODEL_MAX_RETRIES = 2;

  /** Model calls per run before it ends with finish_reason max_iterations. */
  @IntegerSetting(1, 100)
  MAX_ITERATIONS = 10;

  /** Nodes one graph definition may hold (runtime_config.graph, a map's nodes counted). */
  @IntegerSetting(1, 1000)
  MAX_GRAPH_NODES = 64;

  /** Tool calls of one model turn that run at the same time. */
  @IntegerSetting(1, 64)
  MAX_PARALLEL_TOOLS = 8;

  /** Largest plugin answer read; the rest is cut with a visible marker. */
  @IntegerSetting(1024, 100 * ONE_MIB, 'bytes')
  MAX_TOOL_RESPONSE_BYTES = 256 * 1024;

  /** Exceptions to the plugin network policy: host names, IPs or CIDRs, each with an optional port. */
  @ParsedSetting(
    parseHostRules,
    'a comma list of host names, IPs or CIDRs, each optionally with :port',
  )
  HTTP_TOOL_ALLOWED_HOSTS = '';

  /** Optional egress proxy for plugin calls (http or https URL). */
  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'HTTP_TOOL_PROXY_URL must be an http or https URL' },
  )
  HTTP_TOOL_PROXY_URL: string | undefined = undefined;
}
