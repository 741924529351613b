// What the rules need from an OpenAPI 3 document, read once per document: every operation with
// its path template, declared query parameters, request body schemas, success media types and
// whether it asks for HTTP Basic. Nothing here names an operation of Mode's API: the spec grows
// while the rules stay as they are.

/** A JSON object of the spec (a schema, a parameter...), walked by its OpenAPI shape. */
export type SpecObject = Readonly<Record<string, unknown>>;

export interface ParameterInfo {
  name: string;
  in: string;
  schema: SpecObject;
  /** The spec's words for it, if any. */
  description?: string;
  /** Example values: `example`, then `examples` (a parameter's map, or its schema's list). */
  examples: readonly string[];
}

export interface OperationInfo {
  /** operationId, or `METHOD /template` when the spec gives none. */
  id: string;
  method: string;
  /** `/{account}/datasets/{dataset}` */
  template: string;
  /** The template's segments after the leading `/`. */
  segments: readonly string[];
  /** Declared query parameters by name (path-level ones included, operation-level ones winning). */
  query: ReadonlyMap<string, ParameterInfo>;
  /** Every declared parameter by where and name, as Prism locates it: `query.filter`, `path.dataset`. */
  parameters: ReadonlyMap<string, ParameterInfo>;
  /** Request body schema by media type. */
  requestBodies: ReadonlyMap<string, SpecObject>;
  /** Media types of the 2xx answers that have a body. */
  successMediaTypes: readonly string[];
  /** True when one of the operation's security alternatives is HTTP Basic. */
  basicAuth: boolean;
  /**
   * True for a GET that answers with a list: a 2xx JSON body that is an array, or a HAL
   * envelope whose `_embedded` holds one. Paging parameters mean something only on these.
   */
  listing: boolean;
  /**
   * `x-accept-ignored`: the server sends the same body whatever `Accept` says (result content),
   * so no `Accept` a client sends makes the request wrong.
   */
  acceptIgnored: boolean;
}

export interface SpecIndex {
  operations: readonly OperationInfo[];
  /** Follows local `$ref`s (`#/components/...`) until it reaches an object; undefined if it cannot. */
  resolve(node: unknown): SpecObject | undefined;
  /**
   * The operation aimed at by `method` and the path's segments (from `pathSegments`), literal
   * segments beating parameters as in Prism. An empty segment never fills a parameter, so
   * `…/runs/` is the listing `…/runs`, not `…/runs/{run}` with an empty run as Prism reads it.
   */
  match(method: string, segments: readonly string[]): OperationInfo | undefined;
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

export const isObject = (value: unknown): value is SpecObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Splits a path into its segments after the leading `/`, ignoring one trailing `/`. */
export function pathSegments(path: string): string[] {
  const trimmed = path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
  return trimmed.split("/").slice(1);
}

export const isTemplateParameter = (segment: string): boolean => /^\{[^{}]+\}$/.test(segment);

const indexes = new WeakMap<object, SpecIndex>();

/** A parameter's example values as text, the parameter's own before its schema's. */
function examplesOf(
  parameter: SpecObject,
  schema: SpecObject,
  resolve: (node: unknown) => SpecObject | undefined,
): string[] {
  const values: unknown[] = [parameter["example"]];
  const named = resolve(parameter["examples"]);
  if (named) values.push(...Object.values(named).map((e) => resolve(e)?.["value"]));
  values.push(schema["example"]);
  if (Array.isArray(schema["examples"])) values.push(...schema["examples"]);
  return values.filter((v) => typeof v === "string" || typeof v === "number").map(String);
}

const allowsArray = (schema: SpecObject): boolean => {
  const type = schema["type"];
  return type === "array" || (Array.isArray(type) && type.includes("array"));
};

/** An array, or an object whose `_embedded` holds an array: how this API answers a listing. */
function isList(
  schema: SpecObject | undefined,
  resolve: (node: unknown) => SpecObject | undefined,
  depth = 0,
): boolean {
  if (!schema || depth > 8) return false;
  if (allowsArray(schema)) return true;
  for (const keyword of ["allOf", "oneOf", "anyOf"]) {
    const branches = schema[keyword];
    if (Array.isArray(branches) && branches.some((b) => isList(resolve(b), resolve, depth + 1)))
      return true;
  }
  const embedded = resolve(resolve(schema["properties"])?.["_embedded"]);
  const items = resolve(embedded?.["properties"]) ?? {};
  return Object.values(items).some((item) => {
    const resolved = resolve(item);
    return resolved !== undefined && allowsArray(resolved);
  });
}

/** Indexes a parsed OpenAPI document (from YAML or JSON); the same object is indexed once. */
export function indexSpec(document: unknown): SpecIndex {
  if (!isObject(document)) throw new TypeError("the spec must be a parsed OpenAPI document");
  const known = indexes.get(document);
  if (known) return known;

  const resolve = (node: unknown): SpecObject | undefined => {
    let current = node;
    // A chain longer than this is a loop of $refs, not a spec.
    for (let hops = 0; hops < 32; hops++) {
      if (!isObject(current)) return undefined;
      const ref = current["$ref"];
      if (typeof ref !== "string") return current;
      if (!ref.startsWith("#/")) return undefined;
      current = ref
        .slice(2)
        .split("/")
        .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
        .reduce<unknown>((at, key) => (isObject(at) ? at[key] : undefined), document);
    }
    return undefined;
  };

  const schemes = resolve(resolve(document["components"])?.["securitySchemes"]) ?? {};
  const isBasic = (name: string): boolean => {
    const scheme = resolve(schemes[name]);
    return scheme?.["type"] === "http" && String(scheme["scheme"] ?? "").toLowerCase() === "basic";
  };

  const operations: OperationInfo[] = [];
  for (const [template, rawItem] of Object.entries(resolve(document["paths"]) ?? {})) {
    const item = resolve(rawItem);
    if (!item) continue;
    for (const method of METHODS) {
      const operation = resolve(item[method]);
      if (!operation) continue;

      const parameters = new Map<string, ParameterInfo>();
      for (const list of [item["parameters"], operation["parameters"]]) {
        if (!Array.isArray(list)) continue;
        for (const raw of list) {
          const parameter = resolve(raw);
          const name = parameter?.["name"];
          const where = parameter?.["in"];
          if (!parameter || typeof name !== "string" || typeof where !== "string") continue;
          const schema = resolve(parameter["schema"]) ?? {};
          const description = parameter["description"];
          parameters.set(`${where}.${where === "header" ? name.toLowerCase() : name}`, {
            name,
            in: where,
            schema,
            ...(typeof description === "string" ? { description } : {}),
            examples: examplesOf(parameter, schema, resolve),
          });
        }
      }
      const query = new Map(
        [...parameters.values()].filter((p) => p.in === "query").map((p) => [p.name, p]),
      );

      const requestBodies = new Map<string, SpecObject>();
      const content = resolve(resolve(operation["requestBody"])?.["content"]) ?? {};
      for (const [mediaType, entry] of Object.entries(content)) {
        requestBodies.set(mediaType.toLowerCase(), resolve(resolve(entry)?.["schema"]) ?? {});
      }

      const successContent = Object.entries(resolve(operation["responses"]) ?? {})
        .filter(([status]) => /^2(\d\d|XX)$/i.test(status))
        .flatMap(([, response]) => Object.entries(resolve(resolve(response)?.["content"]) ?? {}));
      const successMediaTypes = successContent.map(([mediaType]) => mediaType.toLowerCase());
      const listing =
        method === "get" &&
        successContent.some(([, entry]) => isList(resolve(resolve(entry)?.["schema"]), resolve));

      const security = operation["security"] ?? document["security"];
      const basicAuth =
        Array.isArray(security) &&
        security.some(
          (requirement) => isObject(requirement) && Object.keys(requirement).some(isBasic),
        );

      const id = operation["operationId"];
      operations.push({
        id: typeof id === "string" ? id : `${method.toUpperCase()} ${template}`,
        method: method.toUpperCase(),
        template,
        segments: pathSegments(template),
        query,
        parameters,
        requestBodies,
        successMediaTypes: [...new Set(successMediaTypes)],
        basicAuth,
        listing,
        acceptIgnored: operation["x-accept-ignored"] === true,
      });
    }
  }

  const literalCount = (o: OperationInfo): number =>
    o.segments.filter((s) => !isTemplateParameter(s)).length;
  const byPrecedence = [...operations].sort((a, b) => literalCount(b) - literalCount(a));

  const index: SpecIndex = {
    operations,
    resolve,
    match: (method, segments) => {
      const upper = method.toUpperCase();
      return byPrecedence.find(
        (o) =>
          o.method === upper &&
          o.segments.length === segments.length &&
          o.segments.every((s, i) =>
            isTemplateParameter(s) ? (segments[i] ?? "") !== "" : s === segments[i],
          ),
      );
    },
  };
  indexes.set(document, index);
  return index;
}
