/// <reference lib="dom" />
// The page functions below run in the browser: DOM types.
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { freePort, waitForHealthy } from '../fixtures/net.js';
import { OpenAiCompatibleServer } from '../fixtures/openai-compatible.server.js';
import { TcpProxy } from '../fixtures/tcp-proxy.js';
import { PluginStubServer } from '../fixtures/plugin-stub.server.js';
import { describeInBrowser, launchChromium } from '../support/browser.js';
import { type ChildService, spawnService } from '../support/child-service.js';
import { eventually } from '../support/eventually.js';
import { structuredScenario } from '../support/graph-payloads.js';

const ARTIFACTS = 'test-artifacts';
const ANSWER = 'Paris is sunny at 21 degrees today.';

describeInBrowser('playground in a real browser', () => {
  let model: OpenAiCompatibleServer;
  let plugin: PluginStubServer;
  let service: ChildService;
  let serviceUrl: string;
  let browser: Browser;
  let page: Page;
  let consoleErrors: string[];

  beforeAll(async () => {
    model = await new OpenAiCompatibleServer().start();
    plugin = await new PluginStubServer().start();
    const port = await freePort();
    service = spawnService({
      PORT: String(port),
      LOG_LEVEL: 'WARNING',
      HTTP_TOOL_ALLOWED_HOSTS: '127.0.0.1',
      // A run whose connection dropped waits for the page to resume it.
      DISCONNECT_GRACE_SECONDS: '5',
      APPROVAL_SIGNING_KEYS: 'playground-approval-key-0123456789abcdef',
    });
    serviceUrl = `http://127.0.0.1:${port}`;
    await waitForHealthy(serviceUrl);
    browser = await launchChromium();
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
    service?.process.kill('SIGKILL');
    await Promise.all([model?.stop(), plugin?.stop()]);
  });

  beforeEach(async () => {
    page = await browser.newPage();
    consoleErrors = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
  });
  afterEach(() => page.close());

  /** Opens the playground with the test model and plugin preselected (as `demo --open` does). */
  async function openPlayground(modelName: string, origin = serviceUrl): Promise<void> {
    const preselected = new URLSearchParams({
      base_url: model.baseUrl,
      model_name: modelName,
      plugin_url: `${plugin.origin}/v1/query`,
    });
    await page.goto(`${origin}/playground?${preselected}`);
    await page.waitForFunction(() => {
      const editor = document.getElementById('payload') as HTMLTextAreaElement;
      const workflow = document.getElementById('workflow') as HTMLSelectElement;
      return editor.value.includes('weather') && workflow.options.length > 0;
    });
  }

  const activeRuns = async () =>
    ((await (await fetch(`${serviceUrl}/health`)).json()) as { active_runs: number }).active_runs;

  it('runs the example with the keyboard: answer, weather tool card, usage', async () => {
    await openPlayground(`tool?${new URLSearchParams({ text: ANSWER, chunks: '6' })}`);
    await page.locator('#payload').focus();
    await page.keyboard.press('Control+Enter');
    await page.locator('#done-summary').waitFor({ state: 'visible' });

    expect(await page.locator('#answer').textContent()).toBe(ANSWER);
    const card = page.getByRole('article', { name: 'Tool weather' });
    expect(await card.getAttribute('data-status')).toBe('success');
    expect(await card.locator('.tool-arguments').textContent()).toContain('"city": "Paris"');
    expect(await card.locator('.tool-result').textContent()).toContain('"temperature_c": 21');
    const summary = Object.fromEntries(
      await page
        .locator('#done-summary dt')
        .evaluateAll((terms) =>
          terms.map((term) => [term.textContent, term.nextElementSibling?.textContent]),
        ),
    );
    expect(summary.finish_reason).toBe('stop');
    const [prompt, completion, total] = ['prompt tokens', 'completion tokens', 'total tokens'].map(
      (term) => Number(summary[term]),
    );
    expect(prompt).toBeGreaterThan(0);
    expect(completion).toBeGreaterThan(0);
    expect(total).toBe(prompt + completion);
    const timeline = await page.locator('#timeline li').allTextContents();
    expect(timeline.at(-1)).toMatch(new RegExp(`^#${timeline.length} done \\+\\d+ ms$`));
    expect(await page.locator('#run-status').textContent()).toBe('Done.');
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}/playground-run.png`, fullPage: true });
    expect(consoleErrors).toEqual([]);
  });

  it('shows the field path of a payload the service refuses (400)', async () => {
    await openPlayground('tool');
    const editor = page.locator('#payload');
    const payload = JSON.parse(await editor.inputValue());
    payload.runtime_config.tools[0].name = 'not a valid name';
    await editor.fill(JSON.stringify(payload, null, 2));
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.locator('#payload-errors li').first().waitFor();
    expect(await page.locator('#payload-errors').textContent()).toContain(
      'runtime_config.tools[0].name',
    );
    expect(await page.locator('#run-error').textContent()).toContain('HTTP 400 invalid_payload');
  });

  it('shows a stream error frame and the run ending with finish_reason error', async () => {
    await openPlayground('status?code=401');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.locator('#done-summary').waitFor({ state: 'visible' });
    expect(await page.getByRole('alert').filter({ hasText: 'upstream' }).textContent()).toContain(
      '(upstream_auth_failed)',
    );
    expect(await page.locator('#done-summary').textContent()).toContain('error');
  });

  it('attaches an image to the user message, which reaches the model as a content part', async () => {
    await openPlayground('describe');
    // A 1×1 PNG (the smallest valid one), as a person would pick it in the file dialog.
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    );
    await page
      .getByLabel('Attach an image to the last user message')
      .setInputFiles({ name: 'pixel.png', mimeType: 'image/png', buffer: png });
    await page.locator('#attachment').filter({ hasText: 'Attached pixel.png' }).waitFor();
    const payload = JSON.parse(await page.locator('#payload').inputValue());
    expect(payload.input.messages[0].content).toEqual([
      { type: 'text', text: 'Hello, please introduce yourself' },
      { type: 'image_url', image_url: { url: `data:image/png;base64,${png.toString('base64')}` } },
    ]);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.locator('#done-summary').waitFor({ state: 'visible' });
    expect(await page.locator('#answer').textContent()).toBe(
      'I received 2 parts: text, image_url (image/png).',
    );
    expect(consoleErrors).toEqual([]);
  });

  it("shows a JSON answer's parsed output, its cost and the model that answered", async () => {
    const answer = '{"city": "Paris", "celsius": 21}';
    const fallback = `text?${new URLSearchParams({ text: answer })}`;
    await openPlayground('context');
    const editor = page.locator('#payload');
    const payload = JSON.parse(await editor.inputValue());
    const price = { input_per_million: 2.5, output_per_million: 10, currency: 'USD' };
    payload.runtime_config.model.response_format = { type: 'json_object' };
    payload.runtime_config.fallback_models = [{ model_name: fallback, base_url: model.baseUrl }];
    payload.runtime_config.pricing = { context: price, [fallback]: price };
    await editor.fill(JSON.stringify(payload, null, 2));
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.locator('#done-summary').waitFor({ state: 'visible' });
    const summary = Object.fromEntries(
      await page
        .locator('#done-summary dt')
        .evaluateAll((terms) =>
          terms.map((term) => [term.textContent, term.nextElementSibling?.textContent]),
        ),
    );
    expect(JSON.parse(summary.output ?? '')).toEqual(JSON.parse(answer));
    expect(summary.cost).toMatch(/^0\.\d+ USD$/);
    expect(summary.model).toBe(fallback);
    expect(summary['models tried']).toBe('context: context_length_exceeded');
    expect(consoleErrors).toEqual([]);
  });

  it('a call that waits for approval: Edit resumes the run, both runs in the timeline', async () => {
    await openPlayground(`tool?${new URLSearchParams({ text: ANSWER })}`);
    const editor = page.locator('#payload');
    const payload = JSON.parse(await editor.inputValue());
    payload.runtime_config.tools[0].requires_approval = true;
    await editor.fill(JSON.stringify(payload, null, 2));
    const pluginCalls = plugin.requests.length;
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const card = page.getByRole('article', { name: 'Tool weather' });
    await card.getByRole('button', { name: 'Approve' }).waitFor();
    expect(await card.getAttribute('data-status')).toBe('waiting');
    // The card shows at tool_approval_required; the status changes only with done, just after.
    await page.waitForFunction(
      () =>
        document.getElementById('run-status')?.textContent ===
        'Waiting for your decision on the calls above.',
    );
    expect(plugin.requests).toHaveLength(pluginCalls);
    await card.getByLabel('Arguments to run the call with').fill(JSON.stringify({ city: 'Lyon' }));
    await card.getByRole('button', { name: 'Edit' }).click();
    await page.waitForFunction(
      () => document.getElementById('run-status')?.textContent === 'Done.',
    );
    expect(await page.locator('#answer').textContent()).toBe(ANSWER);
    expect(plugin.requests.at(-1)?.query.city).toBe('Lyon');
    const timeline = await page.locator('#timeline li').allTextContents();
    expect(timeline.filter((line) => / done /.test(line))).toHaveLength(2);
    expect(timeline).toContain('— resumed with 1 decision(s) —');
    const cards = page.locator('.tool-card');
    expect(await cards.count()).toBe(2);
    expect(await cards.nth(1).getAttribute('data-status')).toBe('success');
    expect(consoleErrors).toEqual([]);
  });

  it('loads a graph example and runs it; Approve resumes the paused graph at its node', async () => {
    await openPlayground(
      structuredScenario(`text?text=${encodeURIComponent(ANSWER)}`, { city: 'Nice' }),
    );
    await page.waitForFunction(
      () => (document.getElementById('graph-example') as HTMLSelectElement).options.length > 1,
    );
    await page.getByLabel('Graph example').selectOption('extract-call-summarise');
    expect(await page.locator('#workflow').inputValue()).toBe('graph');
    const editor = page.locator('#payload');
    const payload = JSON.parse(await editor.inputValue());
    expect(payload.runtime_config.graph.entry).toBe('extract');
    payload.runtime_config.tools[0].requires_approval = true;
    await editor.fill(JSON.stringify(payload, null, 2));
    const pluginCalls = plugin.requests.length;
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const card = page.getByRole('article', { name: 'Tool weather' });
    await card.getByRole('button', { name: 'Approve' }).waitFor();
    expect(plugin.requests).toHaveLength(pluginCalls);
    await card.getByRole('button', { name: 'Approve' }).click();
    await page.waitForFunction(
      () => document.getElementById('run-status')?.textContent === 'Done.',
    );
    expect(await page.locator('#answer').textContent()).toBe(ANSWER);
    expect(plugin.requests.at(-1)?.query.city).toBe('Nice');
    const timeline = await page.locator('#timeline li').allTextContents();
    const resumedAt = timeline.indexOf('— resumed with 1 decision(s) —');
    const stepsOf = (lines: string[]) =>
      lines.filter((line) => / step_start /.test(line)).map((line) => line.split(' ')[2]);
    expect(stepsOf(timeline.slice(0, resumedAt))).toEqual(['extract', 'lookup']);
    expect(stepsOf(timeline.slice(resumedAt))).toEqual(['lookup', 'summarise']);
    expect(consoleErrors).toEqual([]);
  });

  it('shows invalid JSON inline without calling the service', async () => {
    await openPlayground('tool');
    await page.locator('#payload').fill('{"task_meta": ');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    expect(await page.locator('#payload-errors').textContent()).toContain('Not valid JSON');
    expect(await page.locator('#payload').getAttribute('aria-invalid')).toBe('true');
  });

  it('Stop cancels the run: done cancelled, and no run is left on the service', async () => {
    await openPlayground('text?tokens=400&delay_ms=40');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.waitForFunction(() => (document.getElementById('answer')?.textContent ?? '') !== '');
    await page.getByRole('button', { name: 'Stop' }).click();
    await page.locator('#done-summary').waitFor({ state: 'visible' });
    expect(await page.locator('#done-summary').textContent()).toContain('cancelled');
    await eventually(async () => (await activeRuns()) === 0);
    expect(await activeRuns()).toBe(0);
    expect(await page.getByRole('button', { name: 'Run', exact: true }).isEnabled()).toBe(true);
  });

  it('resumes a dropped stream with Last-Event-ID: the whole answer, no gap', async () => {
    const proxy = new TcpProxy(Number(new URL(serviceUrl).port));
    const proxyOrigin = `http://127.0.0.1:${await proxy.start()}`;
    try {
      await openPlayground('text?tokens=40&delay_ms=30', proxyOrigin);
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await page.waitForFunction(() =>
        (document.getElementById('answer')?.textContent ?? '').includes('tok5'),
      );
      proxy.dropConnections();
      await page.locator('#done-summary').waitFor({ state: 'visible', timeout: 10_000 });
      const expected = Array.from({ length: 40 }, (_, index) => `tok${index}`).join(' ');
      expect(await page.locator('#answer').textContent()).toBe(expected);
      const seqs = (await page.locator('#timeline li').allTextContents()).map((line) =>
        Number(/^#(\d+)/.exec(line)?.[1]),
      );
      expect(seqs).toEqual(seqs.map((_, index) => index + 1));
      expect(await page.locator('#done-summary').textContent()).toContain('stop');
    } finally {
      await proxy.cut();
    }
  });

  it('is readable in dark mode', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await openPlayground('tool');
    const [background, text] = await page.evaluate(() => {
      const style = getComputedStyle(document.body);
      return [style.backgroundColor, style.color];
    });
    expect(background).toBe('rgb(20, 22, 26)');
    expect(text).toBe('rgb(232, 234, 237)');
    expect(consoleErrors).toEqual([]);
  });
});
