import { builder } from '../builder.js';
import { GeoPointRef } from '../refs.js';

const LATITUDE = 'Degrees north of the equator (negative: south), -90 to 90.';
const LONGITUDE = 'Degrees east of Greenwich (negative: west), -180 to 180.';

GeoPointRef.implement({
  description: 'A point on the earth in WGS-84 coordinates.',
  fields: (t) => ({
    latitude: t.exposeFloat('latitude', { description: LATITUDE }),
    longitude: t.exposeFloat('longitude', { description: LONGITUDE }),
  }),
});

export const GeoPointInput = builder.inputType('GeoPointInput', {
  description: 'A point on the earth in WGS-84 coordinates.',
  fields: (t) => ({
    latitude: t.float({ required: true, description: LATITUDE }),
    longitude: t.float({ required: true, description: LONGITUDE }),
  }),
});
