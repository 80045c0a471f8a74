import { getMetadataStorage, type MetadataStorage } from 'class-validator';

type ValidationMetadata = Parameters<MetadataStorage['addValidationMetadata']>[0];
type Grouped = ReturnType<MetadataStorage['groupByPropertyName']>;
type Target = Parameters<MetadataStorage['getTargetValidationMetadatas']>[0];

const installedOn = new WeakSet<MetadataStorage>();

/**
 * Makes class-validator look up a class's validation rules once instead of for every object
 * it validates. Its `MetadataStorage` (0.15) recomputes them per object: a filter of the
 * class's own rules, a scan of every registered class for its ancestors
 * (typestack/class-validator#2686), then the rules grouped by property. For a conversation
 * of 200 messages that was ~0.8 MB of short-lived arrays per payload (docs/performance.md,
 * lever 16). Both answers depend only on the rules registered, so they are kept until a rule
 * is added. The lists are handed out as they are, not frozen (frozen, validation ran slower
 * in a measurement); class-validator and Nest's mapped types only read them.
 */
export function installValidationMetadataCache(
  storage: MetadataStorage = getMetadataStorage(),
): void {
  // Once per storage: each Nest app made in one process (the tests make many) installs it.
  if (installedOn.has(storage)) return;
  installedOn.add(storage);
  const lookUp = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  const add = storage.addValidationMetadata.bind(storage);
  let byTarget = new Map<Target, Map<string | undefined, ValidationMetadata[]>>();
  // The grouping of each list this cache handed out; any other list is grouped afresh.
  let groupedByList = new WeakMap<ValidationMetadata[], Grouped>();

  storage.addValidationMetadata = (metadata) => {
    byTarget = new Map();
    groupedByList = new WeakMap();
    add(metadata);
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    // Only the lookup without groups or `always`, the one this service makes, is kept.
    if (always || strictGroups || groups?.length)
      return lookUp(target, schema, always, strictGroups, groups);
    let bySchema = byTarget.get(target);
    if (!bySchema) byTarget.set(target, (bySchema = new Map()));
    let list = bySchema.get(schema);
    if (!list) {
      list = lookUp(target, schema, always, strictGroups, groups);
      bySchema.set(schema, list);
      groupedByList.set(list, group(list));
    }
    return list;
  };
  storage.groupByPropertyName = (metadata) => groupedByList.get(metadata) ?? group(metadata);
}
