import { migrations } from './migrations/index.ts';

/** The store schema version this build knows: the number of bundled migrations. */
export const schemaVersion = (): number => Object.keys(migrations).length;
