import { builder } from '../builder.js';
import { GeoPointRef, PartialDateRef } from '../refs.js';

export const DatePrecision = builder.enumType('DatePrecision', {
  values: ['DECADE', 'YEAR', 'MONTH', 'DAY'] as const,
});

PartialDateRef.implement({
  description: "A date known to some precision, as sources report it: '1990', '1990-01', '1990-01-20'.",
  fields: (t) => ({
    iso: t.exposeString('iso', { description: 'The value at its precision, e.g. "1991-04".' }),
    precision: t.field({ type: DatePrecision, resolve: (d) => d.precision }),
    earliest: t.exposeString('earliest', { description: 'First day it can mean (ISO date).' }),
    latest: t.exposeString('latest', { description: 'Last day it can mean (ISO date).' }),
  }),
});

GeoPointRef.implement({
  fields: (t) => ({
    latitude: t.exposeFloat('latitude'),
    longitude: t.exposeFloat('longitude'),
  }),
});

export const GeoPointInput = builder.inputType('GeoPointInput', {
  fields: (t) => ({
    latitude: t.float({ required: true }),
    longitude: t.float({ required: true }),
  }),
});
