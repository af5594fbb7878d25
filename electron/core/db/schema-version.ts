/** The store schema version this build knows: the number of bundled migrations. */
export const schemaVersion = (): number => 0;
