/** Self time of a V8 `.cpuprofile` (what `node --cpu-prof` writes), summed by package. */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** `@scope/name` or `name` after the last node_modules/, else a bucket for what ran. */
export function packageOf(frame: ProfileNode['callFrame']): string | undefined {
  if (frame.functionName === '(idle)') return undefined;
  if (frame.functionName.startsWith('(')) return frame.functionName; // GC, program
  const modules = frame.url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const [first, second] = frame.url.slice(modules + '/node_modules/'.length).split('/');
    return first?.startsWith('@') ? `${first}/${second}` : first;
  }
  if (frame.url.startsWith('node:')) return 'node internals';
  if (frame.url === '') return 'V8 builtins';
  return 'ours';
}

/** Milliseconds of self time per package, for the samples taken `fromMs` after the start. */
export function selfTimeByPackage(profile: CpuProfile, fromMs: number): Map<string, number> {
  const packages = new Map<number, string | undefined>(
    profile.nodes.map((node) => [node.id, packageOf(node.callFrame)]),
  );
  const totals = new Map<string, number>();
  let elapsedUs = 0;
  profile.samples.forEach((id, index) => {
    const deltaUs = profile.timeDeltas[index] ?? 0;
    elapsedUs += deltaUs;
    const name = packages.get(id);
    if (name === undefined || elapsedUs < fromMs * 1000) return;
    totals.set(name, (totals.get(name) ?? 0) + deltaUs / 1000);
  });
  return totals;
}
