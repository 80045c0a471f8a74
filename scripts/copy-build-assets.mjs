// The files the build ships as they are, beside what tsc compiles: the playground's page
// and styles, and the graph examples the service serves (GET /v1/schemas/graph/examples).
// One list for `npm run build` and the tests' global setup, so both builds ship the same.
import { cpSync } from 'node:fs';

const BUILD_ASSETS = [
  ['src/playground/web/index.html', 'dist/playground/web/index.html'],
  ['src/playground/web/styles.css', 'dist/playground/web/styles.css'],
  ['src/workflows/graph/examples', 'dist/workflows/graph/examples'],
];

for (const [from, to] of BUILD_ASSETS) cpSync(from, to, { recursive: true });
