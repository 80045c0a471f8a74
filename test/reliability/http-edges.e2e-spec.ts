import { connect } from 'node:net';
import request from 'supertest';
import { echoPayload } from '../support/payloads.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Writes `raw` to the service on a bare socket and reads what comes back until it closes. */
function rawExchange(
  baseUrl: string,
  raw: string,
): Promise<{ text: string; closedAfterMs: number }> {
  const { hostname, port } = new URL(baseUrl);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(raw));
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve({ text, closedAfterMs: Date.now() - started }));
  });
}

/** The status line and JSON body of a raw HTTP answer. */
function answerOf(text: string): { status: number; body: { error: { code: string } } } {
  const [head, body] = text.split('\r\n\r\n');
  return { status: Number(head.split(' ')[1]), body: JSON.parse(body) };
}

/**
 * Requests Node's HTTP parser refuses, and slow ones, with the bounds set from named settings
 * (docs/reliability.md): each answered with the JSON envelope, then the connection closed.
 */
describe('HTTP edges: timeouts, parser refusals, encodings', () => {
  let service: TestApp;
  beforeAll(async () => {
    service = await startTestApp({
      env: { HTTP_HEADERS_TIMEOUT_SECONDS: '1', HTTP_REQUEST_TIMEOUT_SECONDS: '2' },
    });
  });
  afterAll(() => service.close());

  it('headers not sent within HTTP_HEADERS_TIMEOUT_SECONDS: 408 request_timeout', async () => {
    const { text, closedAfterMs } = await rawExchange(
      service.baseUrl,
      'POST /v1/run_workflow HTTP/1.1\r\nHost: 127.0.0.1\r\n',
    );
    expect(answerOf(text)).toMatchObject({
      status: 408,
      body: { error: { code: 'request_timeout' } },
    });
    expect(closedAfterMs).toBeLessThan(1000 + 1000 + 1500); // the timeout, a check interval, slack
  });

  it('a body not sent within HTTP_REQUEST_TIMEOUT_SECONDS: 408 request_timeout', async () => {
    const { text, closedAfterMs } = await rawExchange(
      service.baseUrl,
      'POST /v1/run_workflow HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"task',
    );
    expect(answerOf(text)).toMatchObject({
      status: 408,
      body: { error: { code: 'request_timeout' } },
    });
    expect(closedAfterMs).toBeLessThan(2000 + 1000 + 1500);
  });

  it('malformed HTTP: 400 invalid_request as JSON', async () => {
    const { text } = await rawExchange(service.baseUrl, 'NOT HTTP AT ALL\r\n\r\n');
    expect(answerOf(text)).toMatchObject({
      status: 400,
      body: { error: { code: 'invalid_request' } },
    });
  });

  it('headers over the limit: 431 request_headers_too_large as JSON', async () => {
    const { text } = await rawExchange(
      service.baseUrl,
      `GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    expect(answerOf(text)).toMatchObject({
      status: 431,
      body: { error: { code: 'request_headers_too_large' } },
    });
  });

  it('a run id with a bad percent-encoding: 400 invalid_request', async () => {
    const response = await request(service.baseUrl).get('/v1/runs/%E0%A4%A/events').expect(400);
    expect(response.body.error).toMatchObject({ code: 'invalid_request' });
  });

  it.each(['utf-16', 'UTF-32', 'iso-8859-1'])('a body in charset=%s: 415', async (charset) => {
    const response = await request(service.baseUrl)
      .post('/v1/run_workflow')
      .set('content-type', `application/json; charset=${charset}`)
      .send(Buffer.from(JSON.stringify(echoPayload('hi'))))
      .expect(415);
    expect(response.body.error).toMatchObject({ code: 'unsupported_media_type' });
  });

  it('charset=utf-8 (any case, quoted) is fine', async () => {
    await request(service.baseUrl)
      .post('/v1/run_workflow')
      .set('content-type', 'application/json; charset="UTF-8"')
      .send(JSON.stringify(echoPayload('hi')))
      .expect(200);
  });
});
