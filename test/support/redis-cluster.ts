import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { freePort } from '../fixtures/net.js';

const run = promisify(execFile);

/** A Redis Cluster of three masters on 127.0.0.1, started from the machine's redis-server. */
export class LocalRedisCluster {
  /** Each server's exit, listened for from its spawn: one that exits early is not waited for forever. */
  private readonly exits: Promise<unknown>[];

  private constructor(
    readonly ports: number[],
    private readonly servers: ChildProcess[],
    private readonly dir: string,
  ) {
    this.exits = servers.map((server) => new Promise((resolve) => server.once('exit', resolve)));
  }

  static async start(masters = 3): Promise<LocalRedisCluster> {
    const dir = mkdtempSync(join(tmpdir(), 'redis-cluster-'));
    const ports: number[] = [];
    for (let index = 0; index < masters; index += 1) ports.push(await freePort());
    const servers = ports.map((port) =>
      spawn(
        'redis-server',
        [
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--cluster-enabled',
          'yes',
          '--cluster-config-file',
          join(dir, `nodes-${port}.conf`),
          '--dir',
          dir,
          '--save',
          '',
          '--appendonly',
          'no',
        ],
        { stdio: 'ignore' },
      ),
    );
    const cluster = new LocalRedisCluster(ports, servers, dir);
    for (const port of ports) await cluster.waitFor(port, 'PING', 'PONG');
    await run('redis-cli', [
      '--cluster',
      'create',
      ...ports.map((port) => `127.0.0.1:${port}`),
      '--cluster-replicas',
      '0',
      '--cluster-yes',
    ]);
    for (const port of ports) await cluster.waitFor(port, 'CLUSTER INFO', 'cluster_state:ok');
    return cluster;
  }

  get seedUrl(): string {
    return `redis://127.0.0.1:${this.ports[0]}`;
  }

  /** What `redis-cli -c` answers, asked through the first node (redirects followed). */
  async cli(...args: string[]): Promise<string> {
    const { stdout } = await run('redis-cli', ['-c', '-p', String(this.ports[0]), ...args]);
    return stdout.trim();
  }

  async stop(): Promise<void> {
    for (const server of this.servers) server.kill('SIGKILL');
    await Promise.all(this.exits);
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async waitFor(port: number, command: string, expected: string): Promise<void> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const answer = await run('redis-cli', ['-p', String(port), ...command.split(' ')]).then(
        ({ stdout }) => stdout,
        () => '',
      );
      if (answer.includes(expected)) return;
      if (Date.now() > deadline) throw new Error(`redis on ${port}: no ${expected}`);
      await sleep(50);
    }
  }
}
