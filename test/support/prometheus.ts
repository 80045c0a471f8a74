import parsePrometheusTextFormat, { type PrometheusFamily } from 'parse-prometheus-text-format';
import request from 'supertest';

export interface Scrape {
  families: Map<string, PrometheusFamily>;
  text: string;
}

/** GET /metrics, parsed with a Prometheus text-format parser (which throws on malformed text). */
export async function scrapeMetrics(baseUrl: string): Promise<Scrape> {
  const response = await request(baseUrl).get('/metrics').expect(200);
  expect(response.headers['content-type']).toContain('text/plain; version=0.0.4');
  const families = parsePrometheusTextFormat(response.text);
  return {
    families: new Map(families.map((family) => [family.name, family])),
    text: response.text,
  };
}

const hasLabels = (labels: Record<string, string> = {}, wanted: Record<string, string>) =>
  Object.entries(wanted).every(([name, value]) => labels[name] === value);

/** Label pairs of one exposition line, e.g. `{a="1",b="2"}`. */
function labelsOf(text: string): Record<string, string> {
  return Object.fromEntries(
    [...text.matchAll(/(\w+)="([^"]*)"/g)].map(([, name, value]) => [name, value]),
  );
}

/**
 * A counter's or gauge's value summed over the samples with these labels; for a histogram,
 * its observation count (the parser drops a labelled histogram's labels, so its `_count`
 * lines are read directly).
 */
export function sampleValue(
  scrape: Scrape,
  name: string,
  labels: Record<string, string> = {},
): number {
  const family = scrape.families.get(name);
  if (family?.type === 'HISTOGRAM') {
    const counts = [
      ...scrape.text.matchAll(new RegExp(`^${name}_count(\\{[^}]*\\})? (\\S+)$`, 'gm')),
    ];
    return counts
      .filter(([, labelText]) => hasLabels(labelsOf(labelText ?? ''), labels))
      .reduce((sum, [, , value]) => sum + Number(value), 0);
  }
  return (family?.metrics ?? [])
    .filter((sample) => hasLabels(sample.labels, labels))
    .reduce((sum, sample) => sum + Number(sample.value ?? 0), 0);
}
