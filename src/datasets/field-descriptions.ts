// mode.datasets.fieldDescriptions: the descriptions written for a Dataset's columns.
import type { ModeClient } from "../client/create-mode-client.js";
import type { FieldDescription } from "../schema-types.js";
import {
  type CallOptions,
  callForNothing,
  callForObject,
  type IterateParams,
  type ListParams,
  type ModePromise,
  type PathParams,
} from "./call.js";
import { callForPage, type IterateOptions, iterate } from "./listings.js";

const DESCRIPTIONS = "/{account}/datasets/{dataset}/field_descriptions";
const DESCRIPTION = "/{account}/datasets/{dataset}/field_descriptions/{field_description}";
// The spec's limits: a column name Mode accepts, and the length Mode's form allows.
const MAX_NAME = 1024;
const MAX_DESC = 350;

export interface FieldDescriptionMethods {
  /** listFieldDescriptions: the items of one page (only described columns appear). */
  list(
    params: ListParams<"listFieldDescriptions">,
    options?: CallOptions,
  ): ModePromise<FieldDescription[]>;
  /** Every column description of a Dataset, page after page. */
  iterate(
    params: IterateParams<"listFieldDescriptions">,
    options?: IterateOptions,
  ): AsyncGenerator<FieldDescription, void, undefined>;
  /**
   * createFieldDescription: describes the column `name` with `desc` (1-350 characters); returns
   * the new description and its token. Never retried automatically: a replay may describe the
   * column twice.
   */
  create(
    params: PathParams<"createFieldDescription">,
    description: { name: string; desc: string },
    options?: CallOptions,
  ): ModePromise<FieldDescription>;
  /** updateFieldDescription: replaces the text, `desc` (1-350 characters); returns the description. */
  update(
    params: PathParams<"updateFieldDescription">,
    description: { desc: string },
    options?: CallOptions,
  ): ModePromise<FieldDescription>;
  /** deleteFieldDescription: removes the description (the column stays). Never retried automatically. */
  delete(params: PathParams<"deleteFieldDescription">, options?: CallOptions): ModePromise<void>;
}

export function fieldDescriptionMethods(client: ModeClient): FieldDescriptionMethods {
  return {
    list: (params, options) => callForPage(client, DESCRIPTIONS, params, options),
    iterate: (params, options) => iterate(client, DESCRIPTIONS, params, options),
    // Sent at the top level, as Mode's own form sends it; the spec also accepts it wrapped.
    create: (params, description, options) =>
      callForObject(client, "post", DESCRIPTIONS, params, options, () =>
        checkDescription(description, ["name", "desc"]),
      ),
    update: (params, description, options) =>
      callForObject(client, "patch", DESCRIPTION, params, options, () =>
        checkDescription(description, ["desc"]),
      ),
    delete: (params, options) => callForNothing(client, DESCRIPTION, params, options),
  };
}

// The spec's bodies are closed and bounded; failing here names the bad field instead of
// surfacing Mode's (or Prism's) 400.
function checkDescription(description: unknown, fields: readonly ("name" | "desc")[]): object {
  const expected = `{ ${fields.join(", ")} }`;
  if (description === null || typeof description !== "object" || Array.isArray(description))
    throw new TypeError(
      `Field description ${String(description)} is not an object; expected ${expected}`,
    );
  const unknown = Object.keys(description).filter((key) => !(fields as string[]).includes(key));
  if (unknown.length > 0)
    throw new RangeError(
      `Unknown field description field(s) ${unknown.map((key) => JSON.stringify(key)).join(", ")}; expected ${expected}`,
    );
  for (const field of fields) {
    const value = (description as Record<string, unknown>)[field];
    const max = field === "name" ? MAX_NAME : MAX_DESC;
    if (typeof value !== "string" || value.length === 0 || value.length > max)
      throw new RangeError(
        `Field description ${field} ${typeof value === "string" ? `of ${value.length} characters` : `of type ${typeof value}`} is invalid; expected a string of 1 to ${max} characters`,
      );
  }
  return description;
}
