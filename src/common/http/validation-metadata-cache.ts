import { getMetadataStorage } from 'class-validator';

type Storage = ReturnType<typeof getMetadataStorage>;
type ValidationMetadata = ReturnType<Storage['getTargetValidationMetadatas']>[number];
type Grouped = Record<string, ValidationMetadata[]>;

const memoised = new WeakSet<Storage>();

/**
 * class-validator looks up a class's rules on every object it validates: it filters its own list,
 * then scans every registered class for ancestors, then groups the result by property — for each
 * nested object of each request (and each row of a bulk import). The rules are the decorators'
 * and do not change once the classes are defined, so the lookup is remembered per class and
 * options, and forgotten whenever a rule is registered (a class defined later, a test's DTO).
 * The rules, their order and so the messages are class-validator's own, unchanged.
 */
export function memoiseValidationMetadata(storage: Storage = getMetadataStorage()): void {
  if (memoised.has(storage)) return;
  memoised.add(storage);
  let lookups = new Map<string, Map<unknown, ValidationMetadata[]>>();
  const groupings = new WeakMap<ValidationMetadata[], Grouped>();
  const forget = () => (lookups = new Map());

  const lookUp = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  const addValidation = storage.addValidationMetadata.bind(storage);
  const addConstraint = storage.addConstraintMetadata.bind(storage);

  storage.addValidationMetadata = (metadata) => {
    forget();
    addValidation(metadata);
  };
  storage.addConstraintMetadata = (metadata) => {
    forget();
    addConstraint(metadata);
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const options = `${schema}\n${always}\n${strictGroups}\n${groups ? JSON.stringify(groups) : ''}`;
    let byTarget = lookups.get(options);
    if (!byTarget) lookups.set(options, (byTarget = new Map()));
    let found = byTarget.get(target);
    if (!found) byTarget.set(target, (found = lookUp(target, schema, always, strictGroups, groups)));
    return found;
  };
  // Keyed by the array the lookup above returns (the same one for as long as it is remembered).
  storage.groupByPropertyName = (metadata) => {
    let grouped = groupings.get(metadata);
    if (!grouped) groupings.set(metadata, (grouped = group(metadata)));
    return grouped;
  };
}
