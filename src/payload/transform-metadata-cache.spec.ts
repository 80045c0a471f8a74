import 'reflect-metadata';
import { jest } from '@jest/globals';
import { createRequire } from 'node:module';
import { Exclude, Expose, plainToInstance, Transform, Type } from 'class-transformer';
import type { MetadataStorage } from 'class-transformer/types/MetadataStorage.js';
import { installTransformMetadataCache } from './transform-metadata-cache.js';

const { MetadataStorage: Storage } = createRequire(import.meta.url)(
  'class-transformer/cjs/MetadataStorage.js',
) as { MetadataStorage: new () => MetadataStorage };

class Part {
  @Transform(({ value }: { value: string }) => value.toUpperCase())
  text: string;
}

class Message {
  @Expose({ name: 'role_name' })
  role: string;

  @Exclude()
  secret: string;

  @Type(() => Part)
  parts: Part[];
}

const plain = { role_name: 'user', secret: 's', parts: [{ text: 'a' }, { text: 'b' }], extra: 1 };

describe('installTransformMetadataCache', () => {
  it('converts as class-transformer does without it', () => {
    const before = plainToInstance(Message, plain);
    installTransformMetadataCache();
    const after = plainToInstance(Message, plain);
    expect(after).toEqual(before);
    expect(after).toMatchObject({ role: 'user', parts: [{ text: 'A' }, { text: 'B' }] });
    expect(after.parts[0]).toBeInstanceOf(Part);
    expect(after.secret).toBeUndefined();
  });

  it('looks each answer up once per class', () => {
    const storage = new Storage();
    const lookUp = jest.spyOn(storage, 'findTransformMetadatas');
    installTransformMetadataCache(storage);
    const first = storage.findTransformMetadatas(Part, 'text', 0);
    expect(storage.findTransformMetadatas(Part, 'text', 0)).toBe(first);
    expect(storage.getExposedProperties(Part, 0)).toBe(storage.getExposedProperties(Part, 0));
    expect(lookUp).toHaveBeenCalledTimes(1);
  });

  it('sees a decorator added after the first lookup', () => {
    class Late {
      name: string;
    }
    installTransformMetadataCache();
    expect(plainToInstance(Late, { name: 'x' }).name).toBe('x');
    Transform(({ value }: { value: string }) => `${value}!`)(Late.prototype, 'name');
    expect(plainToInstance(Late, { name: 'x' }).name).toBe('x!');
  });
});
