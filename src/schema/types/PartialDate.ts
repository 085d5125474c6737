import { builder } from '../builder.js';
import { PartialDateRef } from '../refs.js';

export const DatePrecision = builder.enumType('DatePrecision', {
  description: 'How precisely a partial date is known.',
  values: {
    DECADE: { description: 'A decade, e.g. "1990s" (1990-01-01 to 1999-12-31).' },
    YEAR: { description: 'A year, e.g. "1990".' },
    MONTH: { description: 'A month, e.g. "1990-01".' },
    DAY: { description: 'A day, e.g. "1990-01-20".' },
  } as const,
});

PartialDateRef.implement({
  description:
    "A date known to some precision, as sources report it: '1990s', '1990', '1990-01', '1990-01-20'.",
  fields: (t) => ({
    iso: t.exposeString('iso', { description: 'The value at its precision, e.g. "1991-04".' }),
    precision: t.field({
      type: DatePrecision,
      description: 'How precisely it is known.',
      resolve: (d) => d.precision,
    }),
    earliest: t.exposeString('earliest', { description: 'First day it can mean (ISO date).' }),
    latest: t.exposeString('latest', { description: 'Last day it can mean (ISO date).' }),
  }),
});
