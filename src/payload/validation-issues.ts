import type { ValidationError } from 'class-validator';
import type { FieldIssue } from '../common/errors/execution-plane.error.js';

function childPath(parentPath: string, error: ValidationError, parentIsArray: boolean): string {
  if (parentIsArray) return `${parentPath}[${error.property}]`;
  return parentPath ? `${parentPath}.${error.property}` : error.property;
}

/**
 * Flattens class-validator's error tree into one issue per bad field, with paths like
 * `runtime_config.tools[0].name`. Only constraint messages are used: they name the rule,
 * never the value, so a secret sent in the wrong field is not echoed back.
 */
export function toFieldIssues(
  errors: ValidationError[],
  parentPath = '',
  parentIsArray = false,
): FieldIssue[] {
  return errors.flatMap((error) => {
    const path = childPath(parentPath, error, parentIsArray);
    const own = Object.values(error.constraints ?? {}).map((message) => ({ path, message }));
    const nested = toFieldIssues(error.children ?? [], path, Array.isArray(error.value));
    return [...own, ...nested];
  });
}
