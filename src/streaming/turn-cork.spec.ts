import { once } from 'node:events';
import { createServer, type Server, type Socket, connect } from 'node:net';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { TurnCork } from './turn-cork.js';

/** A loopback connection: the socket we write to and everything its peer received, by read. */
async function connection(): Promise<{ socket: Socket; reads: string[]; close(): void }> {
  const reads: string[] = [];
  const server: Server = createServer((peer) =>
    peer.on('data', (data) => reads.push(String(data))),
  );
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  return {
    socket,
    reads,
    close: () => {
      socket.destroy();
      server.close();
    },
  };
}

async function untilReceived(reads: string[], text: string): Promise<void> {
  while (reads.join('') !== text) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('TurnCork', () => {
  it('leaves a frame alone in its turn uncorked', async () => {
    const { socket, close } = await connection();
    try {
      const cork = new TurnCork(socket);
      cork.hold();
      expect(socket.writableCorked).toBe(0);
      await nextTurn();
      cork.hold(); // a new turn: again the first
      expect(socket.writableCorked).toBe(0);
    } finally {
      close();
    }
  });

  it('sends the frames after the first of a turn in one write at the end of the turn', async () => {
    const { socket, reads, close } = await connection();
    try {
      const cork = new TurnCork(socket);
      await nextTurn();
      for (const frame of ['a', 'b', 'c', 'd']) {
        cork.hold();
        socket.write(frame);
        await Promise.resolve(); // as Nest's writer: the next frame after a tick and a microtask
        await new Promise((resolve) => process.nextTick(resolve));
      }
      expect(socket.writableCorked).toBe(1);
      expect(socket.writableLength).toBe(3); // b, c, d wait for the turn's end
      await nextTurn();
      expect(socket.writableCorked).toBe(0);
      await untilReceived(reads, 'abcd');
    } finally {
      close();
    }
  });

  it('never corks a socket that is gone', async () => {
    const { socket, close } = await connection();
    close();
    const cork = new TurnCork(socket);
    cork.hold();
    cork.hold();
    expect(socket.writableCorked).toBe(0);
    expect(() => new TurnCork(null).hold()).not.toThrow();
  });
});
