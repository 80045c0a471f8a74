import { setImmediate as nextTurn } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// V8 lets a running process turn on its `gc()`; a new context then sees it as a global.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/**
 * Whether what `ref` points to was garbage-collected after a full collection. A WeakRef
 * keeps its target for the rest of the job that created or read it, so a turn passes first.
 */
export async function collected(ref: WeakRef<object>): Promise<boolean> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    await nextTurn();
    collectGarbage();
    if (ref.deref() === undefined) return true;
  }
  return false;
}
