// The rows a successful run's results hold: generated from the seed and the Dataset's token, the
// same rows every time, one at a time so a large result never sits in memory. Some values are
// awkward on purpose (commas, quotes, line breaks, non-ASCII text, nulls), as real data is.
import { hashString, seededRandom } from "../random.js";
import { SIMULATION_START } from "../clock.js";
import type { Column } from "../workspace/types.js";

export type Cell = string | number | boolean | null;

const REGIONS = ["EMEA", "APAC", "North America", "LATAM"];
const NAMES = [
  "Alfreds Futterkiste",
  "Müller, Schmidt & Co",
  "Berglunds snabbköp",
  'The "Big Cheese"',
  "Ernst Handel",
  "東京トレーディング",
  "Océano Atlántico Ltda.",
  "Wolski  Zajazd",
];
const NOTES = ["", "left dock late", "customs hold,\nreleased next day", 'marked "fragile"', "ok"];
const WORDS = ["shipped", "pending", "cancelled", "returned", "delivered"];

function cell(column: Column, random: ReturnType<typeof seededRandom>, row: number): Cell {
  if (random.chance(0.03) && !column.name.endsWith("_id")) return null;
  switch (column.type) {
    case "integer":
      return column.name.endsWith("_id") ? 10_000 + row : random.int(0, 30);
    case "number":
      return Math.round(random.next() * 500_000) / 100;
    case "boolean":
      return random.chance(0.7);
    case "timestamp":
      return new Date(SIMULATION_START - random.int(0, 365 * 86_400) * 1000).toISOString();
    default:
      if (column.name === "region") return random.pick(REGIONS);
      if (column.name === "note") return random.pick(NOTES);
      if (column.name.includes("name") || column.name === "customer") return random.pick(NAMES);
      return random.pick(WORDS);
  }
}

/** Each row of a result, as an array in the columns' order. */
export function* generateRows(
  seed: number,
  ownerToken: string,
  columns: readonly Column[],
  rowCount: number,
): Generator<Cell[]> {
  const random = seededRandom(seed ^ hashString(ownerToken));
  for (let row = 0; row < rowCount; row++) yield columns.map((c) => cell(c, random, row));
}
