/**
 * One faker per check, seeded from the run seed and the check id: a check makes the same data
 * on every run with the same seed, whatever order the checks run in.
 */
import { Faker, base, en } from '@faker-js/faker';

/** FNV-1a over the UTF-16 units; small, stable and good enough to spread seeds. */
export function hashSeed(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export function seededFaker(runSeed: number, checkId: string): Faker {
  const faker = new Faker({ locale: [en, base] });
  faker.seed(hashSeed(`${runSeed}:${checkId}`));
  return faker;
}
