import * as incubating from '@opentelemetry/semantic-conventions/incubating';
import * as ours from './gen-ai.attributes.js';

describe('the attribute names our spans use', () => {
  it('are the semantic conventions’ own (the package, pinned in package.json, says so)', () => {
    const conventions = incubating as unknown as Record<string, string>;
    for (const [name, value] of Object.entries(ours)) {
      if (String(value).startsWith('execution_plane.')) continue;
      expect({ name, value: conventions[name] }).toEqual({ name, value });
    }
  });
});
