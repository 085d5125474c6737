import { builder } from './builder.js';
import './types/Node.js';
import './types/Entity.js';
import './types/Person.js';
import './types/Organisation.js';
import './types/Place.js';
import './types/Event.js';
import './types/Affiliation.js';
import './types/Participation.js';
import './types/Statement.js';
import './types/Source.js';
import './types/Evidence.js';
import './types/PartialDate.js';
import './types/GeoPoint.js';
import './types/JSON.js';
import './types/SearchHit.js';
import './types/Graph.js';
import './types/Links.js';
import './types/CypherResult.js';
import './types/Analysis.js';
import './types/Live.js';
import './types/Draft.js';

/** The newsgraph GraphQL schema. */
export const schema = builder.toSchema();
