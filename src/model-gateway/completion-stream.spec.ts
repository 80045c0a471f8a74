import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  closeServer,
  listenOnLoopback,
  loopbackOrigin,
} from '../../test/fixtures/loopback-server.js';
import { loadRecording, replayRecording } from '../../test/fixtures/recorded-stream.js';
import type { RawCompletionChunk } from './dialects/completion-chunk.js';
import { ERROR_BODY_MAX_BYTES, readCompletion } from './completion-stream.js';
import { createModelTransport, type ModelTransport } from './model-transport.js';
import { ModelStatusError, ModelStreamError } from './upstream.errors.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

describe('readCompletion (the SSE of one Chat Completions call)', () => {
  let server: Server | undefined;
  let transport: ModelTransport;
  const requests: IncomingMessage[] = [];

  const serve = async (handler: Handler) => {
    server = createServer((req, res) => {
      requests.push(req);
      void handler(req, res);
    });
    await listenOnLoopback(server);
    return { url: `${loopbackOrigin(server)}/v1/chat/completions`, headers: { 'x-a': '1' } };
  };
  const read = async (handler: Handler) => {
    const chunks: RawCompletionChunk[] = [];
    await readCompletion(transport, await serve(handler), { body: '{}' }, (chunk) => {
      chunks.push(chunk);
      return undefined;
    });
    return chunks;
  };

  beforeEach(() => {
    transport = createModelTransport({ maxRetries: 0, timeoutMs: 5_000 });
    requests.length = 0;
  });
  afterEach(async () => {
    await transport.close();
    await closeServer(server);
  });

  it('reads a recorded stream with keep-alive comments up to [DONE], with the headers given', async () => {
    // OpenRouter's ": OPENROUTER PROCESSING" comments (recordings/openrouter-text.sse cites it).
    const chunks = await read((_req, res) =>
      replayRecording(res, loadRecording('openrouter-text')),
    );
    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks.every((chunk) => Array.isArray(chunk.choices))).toBe(true);
    expect(requests[0]?.headers['x-a']).toBe('1');
  });

  it('joins a character split across two network reads', async () => {
    const bytes = Buffer.from('data: {"id":"é€"}\n\n');
    const chunks = await read(async (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(bytes.subarray(0, 14)); // inside "é"
      await sleep(20);
      res.end(bytes.subarray(14));
    });
    expect(chunks).toEqual([{ id: 'é€' }]);
  });

  it('turns an HTTP error into ModelStatusError with the body code, and no upstream text in its message', async () => {
    // OpenAI's 401 body (platform.openai.com/docs/guides/error-codes).
    const body = {
      error: { message: 'Incorrect API key provided: sk-abc123', code: 'invalid_api_key' },
    };
    const failing = read((_req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    const error = (await failing.catch((thrown: unknown) => thrown)) as ModelStatusError;
    expect(error).toBeInstanceOf(ModelStatusError);
    expect(error).toMatchObject({ status: 401, code: 'invalid_api_key', error: body.error });
    expect(error.message).not.toContain('sk-abc123');
  });

  it(`reads at most ${ERROR_BODY_MAX_BYTES} bytes of an error answer that never ends`, async () => {
    let closed = false;
    const failing = read((_req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.on('close', () => (closed = true));
      const flood = () => {
        while (!res.destroyed && res.write('x'.repeat(16 * 1024)));
        if (!res.destroyed) res.once('drain', flood);
      };
      flood();
    });
    await expect(failing).rejects.toMatchObject({ status: 500, error: undefined });
    for (let waited = 0; !closed && waited < 2_000; waited += 10) await sleep(10);
    expect(closed).toBe(true);
  });

  it('reports malformed JSON as a SyntaxError that does not quote it', async () => {
    const failing = read((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end('data: {"choices": [{"delta": {"content": "secret-ish"\n\n');
    });
    const error = (await failing.catch((thrown: unknown) => thrown)) as Error;
    expect(error.name).toBe('SyntaxError');
    expect(error.message).not.toContain('secret-ish');
  });

  it.each([
    ['event-error-overloaded', 'overloaded_error'],
    ['openrouter-midstream-error', 'server_error'],
  ])('turns an error in the stream (%s) into ModelStreamError', async (recording, expected) => {
    const failing = read((_req, res) => replayRecording(res, loadRecording(recording)));
    const error = (await failing.catch((thrown: unknown) => thrown)) as ModelStreamError;
    expect(error).toBeInstanceOf(ModelStreamError);
    expect(JSON.stringify(error.error)).toContain(expected);
  });

  it('holds the stream while a chunk is held, then goes on with the rest', async () => {
    const endpoint = await serve(async (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      // Two events in one network read, the third in another.
      res.write('data: {"id":"1"}\n\ndata: {"id":"2"}\n\n');
      await sleep(20);
      res.end('data: {"id":"3"}\n\ndata: [DONE]\n\n');
    });
    const seen: string[] = [];
    let release: () => void = () => undefined;
    const reading = readCompletion(transport, endpoint, { body: '{}' }, (chunk) => {
      seen.push(chunk.id ?? '');
      return chunk.id === '1' ? new Promise<void>((resolve) => (release = resolve)) : undefined;
    });
    await sleep(60);
    expect(seen).toEqual(['1']);
    release();
    await reading;
    expect(seen).toEqual(['1', '2', '3']);
  });

  it('closes the response when the reader throws', async () => {
    const endpoint = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: {"id":"1"}\n\n');
    });
    const stopped = new Error('reader stopped');
    const reading = readCompletion(transport, endpoint, { body: '{}' }, (chunk) => {
      expect(chunk).toEqual({ id: '1' });
      throw stopped;
    });
    await expect(reading).rejects.toBe(stopped);
    const [request] = requests;
    if (!request?.socket.destroyed) await once(request?.socket as never, 'close');
    expect(request?.socket.destroyed).toBe(true);
  });

  it('reports a body cut before its end', async () => {
    const failing = read((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: {"id":"1"}\n\n', () => res.socket?.destroy());
    });
    await expect(failing).rejects.toThrow();
  });
});
