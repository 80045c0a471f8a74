import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { Redis } from 'ioredis';
import { PinoLogger } from 'nestjs-pino';
import { limitsConfig } from '../config/limits.config.js';
import { runControlConfig } from '../config/run-control.config.js';
import { CANCEL_WAIT_MS, MemoryRunStore } from './memory-run.store.js';
import { OrphanRunCloser } from './orphan-run.closer.js';
import { OwnerLeases } from './owner-leases.js';
import {
  connectAllNodes,
  connectRedis,
  REDIS_CONNECT_TIMEOUT_MS,
  type RedisTarget,
  redisUnavailable,
} from './redis-connection.js';
import { redisFrameReader } from './redis-frame.reader.js';
import type { IdempotencyClaim } from './idempotency-claim.js';
import { type ControlMessage, frameEntryId, parseControlMessage, RedisKeys } from './redis-keys.js';
import type { RunRecord } from './run-record.js';
import { type RunHandle, type RunOwner, type RunReader, RunStore } from './run-store.js';

/** How often a cancel sent to another process checks whether the run ended. */
const CANCEL_POLL_MS = 50;
/** Deletes a claim only while it still names the run giving it back. */
const RELEASE_CLAIM_SCRIPT = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;

/** A run this process owns, as the control channel sees it. */
interface OwnedRun {
  owner: RunOwner;
  localReaders: number;
  remoteReaders: number;
  /** Set once a write to Redis failed, so an outage is logged once per run. */
  degraded: boolean;
}

/**
 * Redis adapter (REDIS_URL): runs of this process are served from memory as with the memory
 * store (the live path never waits for Redis) and mirrored to Redis, so a reader, a cancel or
 * a status request that lands on another worker or replica reaches them. Mirror writes that
 * fail are logged and skipped: a Redis outage never stops a live run.
 */
@Injectable()
export class RedisRunStore extends RunStore implements OnModuleInit, OnModuleDestroy {
  private readonly target: RedisTarget;
  private readonly redis: Redis;
  private readonly subscriber: Redis;
  private readonly owned = new Map<string, OwnedRun>();
  private readonly keys: RedisKeys;
  /** Claim keys of this process's runs, given the log's TTL when the run ends. */
  private readonly claimKeys = new Map<string, string>();
  private readonly leases: OwnerLeases;
  private readonly orphans: OrphanRunCloser;
  private leaseTimer?: NodeJS.Timeout;

  constructor(
    @Inject(runControlConfig.KEY) private readonly config: ConfigType<typeof runControlConfig>,
    @Inject(limitsConfig.KEY) private readonly limits: ConfigType<typeof limitsConfig>,
    private readonly local: MemoryRunStore,
    private readonly logger: PinoLogger,
  ) {
    super();
    this.keys = new RedisKeys(config.redisKeyPrefix);
    this.target = { url: config.redisUrl as string, cluster: config.redisCluster };
    // Commands fail at once while Redis is away instead of queueing in memory.
    this.redis = connectRedis(this.target, {
      enableOfflineQueue: false,
      enableAutoPipelining: true,
    });
    this.subscriber = connectRedis(this.target, {});
    this.subscriber.on('message', (_channel: string, text: string) => this.onControl(text));
    this.leases = new OwnerLeases(this.redis, this.keys.leases, config.leaseTtlMs);
    this.orphans = new OrphanRunCloser(this.redis, this.keys, config.logTtlMs);
  }

  async onModuleInit(): Promise<void> {
    this.leaseTimer = setInterval(() => void this.tendLeases(), this.config.leaseRenewMs);
    this.leaseTimer.unref();
    try {
      await Promise.race([
        // Ready too: a Cluster client without its slot map refuses commands (no offline queue).
        Promise.all([
          this.subscriber.subscribe(this.keys.controlChannel),
          (this.redis.status === 'ready' ? Promise.resolve() : once(this.redis, 'ready')).then(() =>
            connectAllNodes(this.redis),
          ),
        ]),
        sleep(REDIS_CONNECT_TIMEOUT_MS).then(() => Promise.reject(new Error('connect timeout'))),
      ]);
    } catch {
      this.logger.error(
        'Redis (REDIS_URL) is unreachable: runs go on, resume, cancel and status from other processes fail until it is back',
      );
    }
  }

  onModuleDestroy(): void {
    clearInterval(this.leaseTimer);
    this.redis.disconnect();
    this.subscriber.disconnect();
  }

  begin(record: RunRecord, owner: RunOwner): RunHandle {
    const runId = record.run_id;
    const run: OwnedRun = { owner, localReaders: 0, remoteReaders: 0, degraded: false };
    this.owned.set(runId, run);
    const handle = this.local.begin(record, {
      ...owner,
      readersChanged: (count) => {
        run.localReaders = count;
        owner.readersChanged(run.localReaders + run.remoteReaders);
      },
    });
    const lifetimeMs = this.limits.runTimeoutMs + this.config.logTtlMs;
    this.mirror(run, (redis) =>
      redis.set(this.keys.record(runId), JSON.stringify(record), 'PX', lifetimeMs),
    );
    this.mirror(run, () => this.leases.take(runId));
    return {
      append: (frame) => {
        const room = handle.append(frame);
        const entry = JSON.stringify(frame);
        const seq = Number(frame.id);
        // No MAXLEN: RUN_LOG_MAX_BYTES ends a run before its stream grows past it.
        this.mirror(run, (redis) =>
          seq === 1
            ? redis
                .multi()
                .xadd(this.keys.frames(runId), frameEntryId(seq), 'f', entry)
                .pexpire(this.keys.frames(runId), lifetimeMs)
                .exec()
            : redis.xadd(this.keys.frames(runId), frameEntryId(seq), 'f', entry),
        );
        return room;
      },
      reader: (afterSeq) => handle.reader(afterSeq),
      waitForReaders: (signal) => handle.waitForReaders(signal),
      end: (final) => {
        handle.end(final);
        this.owned.delete(runId);
        const ttl = this.config.logTtlMs;
        const claimed = this.claimKeys.get(runId);
        this.claimKeys.delete(runId);
        this.mirror(run, (redis) =>
          redis
            .multi()
            .set(this.keys.record(runId), JSON.stringify(final), 'PX', ttl)
            .pexpire(this.keys.frames(runId), ttl)
            .exec(),
        );
        // The claim hashes to its own slot: a command of its own, not part of the MULTI.
        if (claimed) this.mirror(run, (redis) => redis.pexpire(this.keys.claim(claimed), ttl));
        this.mirror(run, () => this.leases.giveBack(runId));
      },
    };
  }

  async open(runId: string, afterSeq: number): Promise<RunReader | undefined> {
    // Frames this process dropped under RUN_LOG_MAX_TOTAL_BYTES are still in Redis.
    const local = this.local.openLocal(runId, afterSeq);
    if (local && local !== 'evicted') return local;
    const record = await this.fetchRecord(runId);
    if (!record) return undefined;
    const live = record.status === 'running';
    if (live) this.publish({ run_id: runId, kind: 'attach' });
    // Blocking reads need a connection of their own; it may queue until it is connected.
    const connection = connectRedis(this.target, {
      enableOfflineQueue: true,
      enableAutoPipelining: false,
    });
    return redisFrameReader(connection, this.keys, runId, afterSeq, () => {
      if (live) this.publish({ run_id: runId, kind: 'detach' });
    });
  }

  async status(runId: string): Promise<RunRecord | undefined> {
    return this.local.statusLocal(runId) ?? (await this.fetchRecord(runId));
  }

  async cancel(runId: string): Promise<RunRecord | undefined> {
    if (this.local.has(runId)) return this.local.cancel(runId);
    let record = await this.fetchRecord(runId);
    if (record?.status !== 'running') return record;
    this.publish({ run_id: runId, kind: 'cancel' });
    const deadline = Date.now() + CANCEL_WAIT_MS;
    while (record?.status === 'running' && Date.now() < deadline) {
      await sleep(CANCEL_POLL_MS);
      record = await this.fetchRecord(runId);
    }
    return record;
  }

  async findClaim(key: string): Promise<IdempotencyClaim | undefined> {
    const text = await this.command((redis) => redis.get(this.keys.claim(key)));
    return text ? (JSON.parse(text) as IdempotencyClaim) : undefined;
  }

  async claim(key: string, claim: IdempotencyClaim): Promise<IdempotencyClaim> {
    const lifetimeMs = this.limits.runTimeoutMs + this.config.logTtlMs;
    // Two tries: a claim that expires between SET NX and GET leaves the key free again.
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const set = await this.command((redis) =>
        redis.set(this.keys.claim(key), JSON.stringify(claim), 'PX', lifetimeMs, 'NX'),
      );
      if (set === 'OK') {
        this.claimKeys.set(claim.run_id, key);
        return claim;
      }
      const held = await this.findClaim(key);
      if (held) return held;
    }
    throw redisUnavailable();
  }

  async releaseClaim(key: string, runId: string): Promise<void> {
    const held = await this.findClaim(key);
    if (held?.run_id !== runId) return;
    this.claimKeys.delete(runId);
    await this.command((redis) =>
      redis.eval(RELEASE_CLAIM_SCRIPT, 1, this.keys.claim(key), JSON.stringify(held)),
    );
  }

  /**
   * Every RUN_OWNER_LEASE_RENEW_SECONDS: renews this process's leases (a run whose lease
   * another process took was ended there, so it stops here too), then ends the runs whose
   * owners stopped renewing. A Redis outage skips the tick.
   */
  private async tendLeases(): Promise<void> {
    try {
      for (const runId of await this.leases.renew([...this.owned.keys()]))
        this.owned.get(runId)?.owner.cancel();
      for (const runId of await this.leases.takeLapsed()) {
        // Our own lease lapsed while this process was stalled: the run is alive, keep it.
        if (this.owned.has(runId)) await this.leases.take(runId);
        else if (await this.orphans.close(runId))
          this.logger.warn({ run_id: runId }, 'run owner lost; the run was ended here');
      }
    } catch (error) {
      this.logger.debug({ err: error }, 'tending run owner leases failed');
    }
  }

  private onControl(text: string): void {
    const message = parseControlMessage(text);
    const run = message && this.owned.get(message.run_id);
    if (!message || !run) return;
    if (message.kind === 'cancel') return run.owner.cancel();
    run.remoteReaders = Math.max(0, run.remoteReaders + (message.kind === 'attach' ? 1 : -1));
    run.owner.readersChanged(run.localReaders + run.remoteReaders);
  }

  private async fetchRecord(runId: string): Promise<RunRecord | undefined> {
    const text = await this.command((redis) => redis.get(this.keys.record(runId)));
    return text ? (JSON.parse(text) as RunRecord) : undefined;
  }

  /** A command a request waits for: Redis away is a 503 the client retries. */
  private async command<T>(run: (redis: Redis) => Promise<T>): Promise<T> {
    try {
      return await run(this.redis);
    } catch {
      throw redisUnavailable();
    }
  }

  private publish(message: ControlMessage): void {
    this.redis.publish(this.keys.controlChannel, JSON.stringify(message)).catch(() => undefined);
  }

  /** A write of a run's mirror; a failure is logged once per run and otherwise ignored. */
  private mirror(run: OwnedRun, write: (redis: Redis) => Promise<unknown>): void {
    write(this.redis).catch((error: unknown) => {
      if (run.degraded) return;
      run.degraded = true;
      this.logger.warn({ err: error }, 'Redis write failed: this run cannot be resumed elsewhere');
    });
  }
}
