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
  /** Request body schema by media type. */
  requestBodies: ReadonlyMap<string, SpecObject>;
  /** Media types of the 2xx answers that have a body. */
  successMediaTypes: readonly string[];
  /** True when one of the operation's security alternatives is HTTP Basic. */
  basicAuth: boolean;
}

export interface SpecIndex {
  operations: readonly OperationInfo[];
  /** Follows local `$ref`s (`#/components/...`) until it reaches an object; undefined if it cannot. */
  resolve(node: unknown): SpecObject | undefined;
  /** The operation `method rawPath` is aimed at, literal segments beating parameters as in Prism. */
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

      const query = new Map<string, ParameterInfo>();
      for (const list of [item["parameters"], operation["parameters"]]) {
        if (!Array.isArray(list)) continue;
        for (const raw of list) {
          const parameter = resolve(raw);
          const name = parameter?.["name"];
          if (parameter?.["in"] !== "query" || typeof name !== "string") continue;
          query.set(name, { name, in: "query", schema: resolve(parameter["schema"]) ?? {} });
        }
      }

      const requestBodies = new Map<string, SpecObject>();
      const content = resolve(resolve(operation["requestBody"])?.["content"]) ?? {};
      for (const [mediaType, entry] of Object.entries(content)) {
        requestBodies.set(mediaType.toLowerCase(), resolve(resolve(entry)?.["schema"]) ?? {});
      }

      const successMediaTypes = Object.entries(resolve(operation["responses"]) ?? {})
        .filter(([status]) => /^2(\d\d|XX)$/i.test(status))
        .flatMap(([, response]) => Object.keys(resolve(resolve(response)?.["content"]) ?? {}))
        .map((mediaType) => mediaType.toLowerCase());

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
        requestBodies,
        successMediaTypes: [...new Set(successMediaTypes)],
        basicAuth,
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
