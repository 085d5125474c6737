import { badInput } from '../../errors.js';
import { fromGlobalId } from '../../model/globalId.js';

/** The key behind a global id that must be of one of `types`; BAD_USER_INPUT names the argument otherwise. */
export function keyOfId(id: string, types: readonly string[], argument: string): string {
  const { type, key } = fromGlobalId(id);
  if (!types.includes(type)) {
    throw badInput(`${argument} must be the id of a ${types.join(' or ')}, not of a ${type}`, { argument });
  }
  return key;
}

/** keyOfId for optional arguments. */
export const optionalKeyOfId = (id: string | null | undefined, types: readonly string[], argument: string) =>
  id == null ? null : keyOfId(id, types, argument);
