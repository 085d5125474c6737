import { builder } from './builder.js';
import './types/Node.js';
import './types/Entity.js';
import './types/Person.js';

/** The newsgraph GraphQL schema. */
export const schema = builder.toSchema({ sortSchema: false });
