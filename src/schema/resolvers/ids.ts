import { badInput } from '../../errors.js';
import { endpointOf, toGlobalId } from '../../model/globalId.js';

/** A global id argument as plugin-relay hands it over, decoded (model/globalId.ts): type and key. */
export interface DecodedId {
  typename: string;
  id: string;
}

/** The key behind an id that must be of one of `types`; BAD_USER_INPUT names the argument otherwise. */
export function keyOfType(decoded: DecodedId, types: readonly string[], argument: string): string {
  if (!types.includes(decoded.typename)) {
    throw badInput(`${argument} must be the id of a ${types.join(' or ')}, not of a ${decoded.typename}`, {
      argument,
    });
  }
  return decoded.id;
}

/** keyOfType for optional arguments. */
export const optionalKeyOfType = (
  decoded: DecodedId | null | undefined,
  types: readonly string[],
  argument: string,
) => (decoded == null ? null : keyOfType(decoded, types, argument));

/** The node an id names, for graph walks: its lookup label and key. */
export const endpointOfDecoded = (decoded: DecodedId, argument: string) =>
  endpointOf(decoded.typename, decoded.id, argument);

/** The id as the client wrote it, for messages (ids are canonical: encoding gives it back). */
export const idText = (decoded: DecodedId) => toGlobalId(decoded.typename, decoded.id);
