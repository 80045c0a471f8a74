import { createRequire } from 'node:module';
import type { MetadataStorage } from 'class-transformer/types/MetadataStorage.js';

type Target = Parameters<MetadataStorage['getExposedMetadatas']>[0];
type TransformationType = Parameters<MetadataStorage['getExposedProperties']>[1];

/** What this cache kept of one class, each list by transformation type. */
interface ClassAnswers {
  exposedMetadatas?: ReturnType<MetadataStorage['getExposedMetadatas']>;
  exposed: string[][];
  excluded: string[][];
  transforms: Map<string, ReturnType<MetadataStorage['findTransformMetadatas']>[]>;
}

const ADDERS = [
  'addTypeMetadata',
  'addTransformMetadata',
  'addExposeMetadata',
  'addExcludeMetadata',
  'clear',
] as const;

/** class-transformer's own storage, the one its decorators write to (not in its public API). */
const defaultStorage = (
  createRequire(import.meta.url)('class-transformer/cjs/storage.js') as {
    defaultMetadataStorage: MetadataStorage;
  }
).defaultMetadataStorage;

const installedOn = new WeakSet<MetadataStorage>();

/**
 * Makes class-transformer look a class's decorators up once instead of for every object and
 * property it converts. Its `MetadataStorage` (0.5) builds fresh arrays on each call: the
 * exposed and excluded names of a class for every object, the exposed ones again for every
 * property, and a property's `@Transform`s (its own and its ancestors', reversed and joined)
 * for every property (docs/performance.md, lever 19). The answers depend only on the
 * decorators registered, so they are kept until one is added; callers only read them.
 */
export function installTransformMetadataCache(storage: MetadataStorage = defaultStorage): void {
  // Once per storage: each Nest app made in one process (the tests make many) installs it.
  if (installedOn.has(storage)) return;
  installedOn.add(storage);
  const lookUp = {
    exposedMetadatas: storage.getExposedMetadatas.bind(storage),
    exposed: storage.getExposedProperties.bind(storage),
    excluded: storage.getExcludedProperties.bind(storage),
    transforms: storage.findTransformMetadatas.bind(storage),
  };
  let byClass = new Map<Target, ClassAnswers>();
  const answersOf = (target: Target): ClassAnswers => {
    let answers = byClass.get(target);
    if (!answers)
      byClass.set(target, (answers = { exposed: [], excluded: [], transforms: new Map() }));
    return answers;
  };

  storage.getExposedMetadatas = (target) =>
    (answersOf(target).exposedMetadatas ??= lookUp.exposedMetadatas(target));
  storage.getExposedProperties = (target, type: TransformationType) =>
    (answersOf(target).exposed[type] ??= lookUp.exposed(target, type));
  storage.getExcludedProperties = (target, type: TransformationType) =>
    (answersOf(target).excluded[type] ??= lookUp.excluded(target, type));
  storage.findTransformMetadatas = (target, property, type) => {
    const byProperty = answersOf(target).transforms;
    let byType = byProperty.get(property);
    if (!byType) byProperty.set(property, (byType = []));
    return (byType[type] ??= lookUp.transforms(target, property, type));
  };
  for (const adder of ADDERS) {
    const add = storage[adder].bind(storage) as (metadata?: unknown) => void;
    Object.assign(storage, {
      [adder]: (metadata?: unknown) => {
        byClass = new Map();
        add(metadata);
      },
    });
  }
}
