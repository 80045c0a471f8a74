import { jest } from '@jest/globals';
import {
  getMetadataStorage,
  IsInt,
  IsString,
  MetadataStorage,
  registerDecorator,
  validate,
} from 'class-validator';
import { installValidationMetadataCache } from './validation-metadata-cache.js';

class Base {
  @IsString()
  id: unknown;
}

class Derived extends Base {
  @IsInt({ groups: ['strict'] })
  count: unknown;
}

describe('installValidationMetadataCache', () => {
  it('validates as class-validator does without it, inherited rules and groups included', async () => {
    const bad = Object.assign(new Derived(), { id: 1, count: 'x' });
    const before = [await validate(bad), await validate(bad, { groups: ['strict'] })];
    installValidationMetadataCache();
    const after = [await validate(bad), await validate(bad, { groups: ['strict'] })];
    expect(after).toEqual(before);
    expect(after[1]?.map((error) => error.property)).toEqual(['count']);
  });

  it('looks a class up once and groups its rules once', () => {
    const storage = new MetadataStorage();
    const lookUp = jest.spyOn(storage, 'getTargetValidationMetadatas');
    installValidationMetadataCache(storage);
    const first = storage.getTargetValidationMetadatas(Derived, '', false, false);
    expect(storage.getTargetValidationMetadatas(Derived, '', false, false)).toBe(first);
    expect(storage.groupByPropertyName(first)).toBe(storage.groupByPropertyName(first));
    expect(lookUp).toHaveBeenCalledTimes(1);
    expect(storage.getTargetValidationMetadatas(Derived, '', false, false, ['strict'])).not.toBe(
      first,
    );
  });

  it('sees a rule added after the first lookup', async () => {
    class Late {
      name: unknown;
    }
    installValidationMetadataCache();
    expect(await validate(Object.assign(new Late(), { name: 1 }))).toHaveLength(1); // unknownValue
    registerDecorator({
      target: Late,
      propertyName: 'name',
      validator: { validate: (value: unknown) => typeof value === 'string' },
      options: { message: 'name must be text' },
    });
    const errors = await validate(Object.assign(new Late(), { name: 1 }));
    expect(errors.map((error) => error.constraints)).toEqual([
      { customValidation: 'name must be text' },
    ]);
  });

  it('groups a list it did not hand out afresh', () => {
    installValidationMetadataCache();
    const storage = getMetadataStorage();
    const own = [...storage.getTargetValidationMetadatas(Derived, '', true, false)];
    expect(storage.groupByPropertyName(own)).not.toBe(storage.groupByPropertyName(own));
    expect(Object.keys(storage.groupByPropertyName(own)).sort()).toEqual(['count', 'id']);
  });
});
