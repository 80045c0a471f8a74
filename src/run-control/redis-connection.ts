import { once } from 'node:events';
import { Cluster, Redis, type RedisOptions } from 'ioredis';
import { RequestError } from '../common/errors/execution-plane.error.js';

/** Longest wait for Redis at boot; the service starts without it (docs/run-control.md). */
export const REDIS_CONNECT_TIMEOUT_MS = 2_000;

/** Where the run store's Redis is: one server, or any node of a Redis Cluster. */
export interface RedisTarget {
  url: string;
  cluster: boolean;
}

/**
 * A connection to the run store's Redis. A Cluster client speaks the same commands (routed by
 * key slot; every key of one run shares a slot through its hash tag, RedisKeys), so the
 * store holds either as a `Redis`.
 */
export function connectRedis(target: RedisTarget, options: RedisOptions): Redis {
  const redisOptions: RedisOptions = {
    connectTimeout: REDIS_CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: 1,
    ...options,
  };
  // A node's connection opens on its first command, which must wait for it there: without a
  // node offline queue the first writes after boot were lost (a run invisible to others).
  const nodeOptions: RedisOptions = { ...redisOptions, enableOfflineQueue: true };
  const connection = target.cluster
    ? (new Cluster([target.url], {
        redisOptions: { ...nodeOptions, ...credentialsOf(target.url) },
        enableOfflineQueue: options.enableOfflineQueue ?? true,
        enableAutoPipelining: options.enableAutoPipelining ?? false,
      }) as unknown as Redis)
    : new Redis(target.url, redisOptions);
  // Reconnects on its own; without a listener an 'error' event would crash the process.
  connection.on('error', () => undefined);
  return connection;
}

/**
 * Opens the connections a Cluster client would open on first use, one per master, so the
 * first mirror writes after boot do not wait for them (a run then looked unknown elsewhere
 * for a while). A single server is connected already.
 */
export async function connectAllNodes(connection: Redis): Promise<void> {
  const client: unknown = connection;
  if (client instanceof Cluster)
    await Promise.all(client.nodes('master').map((node) => node.ping()));
}

/** A seed URL's credentials and TLS, which the Cluster client applies to every node. */
function credentialsOf(url: string): RedisOptions {
  const parsed = new URL(url);
  return {
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

/**
 * Waits (REDIS_CONNECT_TIMEOUT_MS at most) for a connection that is not ready yet: the first
 * command after boot, or one during a reconnect, of a client that queues no commands.
 */
export async function whenReady(connection: Redis): Promise<void> {
  if (connection.status === 'ready') return;
  await once(connection, 'ready', { signal: AbortSignal.timeout(REDIS_CONNECT_TIMEOUT_MS) });
}

/** What a request that needs Redis gets while it is away: a 503 the client retries in 1 s. */
export function redisUnavailable(): RequestError {
  return new RequestError(
    'run_store_unavailable',
    'The run store (Redis) is unavailable; try again shortly',
    undefined,
    1,
  );
}
