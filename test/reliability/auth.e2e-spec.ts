import request from 'supertest';
import { echoPayload } from '../support/payloads.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const KEY = 'svc-key-0123456789abcdef';
const OTHER_KEY = 'svc-key-fedcba9876543210';

describe('service authentication (SERVICE_API_KEYS)', () => {
  let service: TestApp;
  beforeAll(
    async () =>
      (service = await startTestApp({ env: { SERVICE_API_KEYS: `${KEY}, ${OTHER_KEY}` } })),
  );
  afterAll(() => service.close());

  it.each([
    ['missing', undefined],
    ['wrong', 'Bearer svc-key-wrong-wrong-wrong'],
    ['not a bearer token', `Basic ${KEY}`],
  ])('refuses a %s token with 401 unauthorized, before any stream', async (_case, header) => {
    const call = request(service.baseUrl).post('/v1/run_workflow').send(echoPayload('hi'));
    const response = await (header ? call.set('Authorization', header) : call).expect(401);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers['www-authenticate']).toBe('Bearer');
    expect(response.body.error).toMatchObject({
      code: 'unauthorized',
      trace_id: expect.any(String),
    });
    expect(JSON.stringify(response.body)).not.toContain(KEY);
  });

  it('accepts every configured key', async () => {
    for (const key of [KEY, OTHER_KEY]) {
      const response = await request(service.baseUrl)
        .post('/v1/run_workflow')
        .set('Authorization', `Bearer ${key}`)
        .send(echoPayload('hi'))
        .expect(200);
      expect(response.text).toContain('event: done');
    }
  });

  it('protects GET /, /metrics and run control like /v1 and leaves /health open', async () => {
    const runPath = '/v1/runs/00000000-0000-4000-8000-000000000000';
    for (const path of ['/', '/metrics', runPath, `${runPath}/events`]) {
      await request(service.baseUrl).get(path).expect(401);
    }
    await request(service.baseUrl).post(`${runPath}/cancel`).expect(401);
    await request(service.baseUrl).get('/').set('Authorization', `Bearer ${KEY}`).expect(200);
    await request(service.baseUrl)
      .get('/metrics')
      .set('Authorization', `Bearer ${KEY}`)
      .expect(200);
    await request(service.baseUrl).get(runPath).set('Authorization', `Bearer ${KEY}`).expect(404);
    await request(service.baseUrl).get('/health').expect(200);
    // The playground page holds no data; it asks for the token to call the API.
    const page = await request(service.baseUrl).get('/playground').expect(200);
    expect(page.headers['content-security-policy']).toContain("connect-src 'self'");
    await request(service.baseUrl).get('/playground/example-payload.json').expect(200);
    await request(service.baseUrl).get('/playground/secrets.txt').expect(404);
  });
});

describe('without SERVICE_API_KEYS', () => {
  it('serves unauthenticated and warns once at boot', async () => {
    const service = await startTestApp();
    try {
      await request(service.baseUrl).get('/').expect(200);
      const warnings = service.logs.lines.filter((line) =>
        line.includes('SERVICE_API_KEYS is not set'),
      );
      expect(warnings).toHaveLength(1);
    } finally {
      await service.close();
    }
  });
});
