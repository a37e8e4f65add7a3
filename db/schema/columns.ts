import { customType } from "drizzle-orm/pg-core";

/**
 * A jsonb column that returns exactly what was stored.
 *
 * drizzle's own `jsonb` runs `JSON.parse` on any string it reads back, but both of our drivers (PGlite and
 * postgres.js) already parse jsonb. A stored top-level JSON *string* was therefore parsed twice: the text
 * `"Hi"` (with its quotes) came back as `Hi`, and `42`, `true`, `{"a":1}` came back as a number, a boolean
 * and an object. Text prompt content and generation input are top-level strings, so this changed what an
 * immutable version says. Writing is unchanged (JSON text, cast to jsonb by the server), so stored data was
 * always right and needs no repair: only the read path was wrong.
 */
export const jsonb = customType<{ data: unknown; driverData: unknown }>({
  dataType() {
    return "jsonb";
  },
  toDriver(value) {
    return JSON.stringify(value);
  },
  fromDriver(value) {
    return value;
  },
});
