import { useContainer } from 'class-validator';

type ConstraintClass = new () => unknown;

/**
 * Where class-validator finds the object behind each constraint it checks. Its default
 * container searches a list of every constraint class it has made — one per decorator use,
 * hundreds for the execution payload — on every check of every field: about a sixth of a
 * payload's validation time (docs/performance.md, lever 14). This one is a map.
 */
export class ConstraintInstances {
  private readonly instances = new Map<ConstraintClass, unknown>();

  get<T>(someClass: new () => T): T {
    let instance = this.instances.get(someClass) as T | undefined;
    if (instance === undefined) {
      instance = new someClass();
      this.instances.set(someClass, instance);
    }
    return instance;
  }
}

/** Makes class-validator use a `ConstraintInstances` (process-wide, like its own default). */
export function installConstraintInstances(): void {
  useContainer(new ConstraintInstances());
}
