import { IsString, validate } from 'class-validator';
import { ConstraintInstances, installConstraintInstances } from './constraint-instances.js';

class Named {
  @IsString()
  name: unknown;
}

describe('ConstraintInstances', () => {
  it('makes one instance per constraint class and returns it again', () => {
    class Constraint {}
    const instances = new ConstraintInstances();
    const first = instances.get(Constraint);
    expect(first).toBeInstanceOf(Constraint);
    expect(instances.get(Constraint)).toBe(first);
  });

  it('validates as class-validator does with its own container', async () => {
    installConstraintInstances();
    const bad = Object.assign(new Named(), { name: 42 });
    const good = Object.assign(new Named(), { name: 'x' });
    const errors = await validate(bad);
    expect(errors.map((error) => error.constraints)).toEqual([
      { isString: 'name must be a string' },
    ]);
    expect(await validate(good)).toEqual([]);
  });
});
