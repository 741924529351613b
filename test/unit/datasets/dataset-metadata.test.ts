// A Dataset's metadata through mode.datasets: its columns, its schedules and the descriptions of
// its columns. The Request each method builds, what it returns, and what it refuses before sending.
import { describe, expect, it } from "vitest";
import { createModeDatasets, ModeServerError } from "../../../src/index.js";
import { hal, modeError, recordingFetch, testOptions } from "../helpers/recording-fetch.js";

const listing = (key: string, items: unknown[]): Response =>
  hal({ _links: { self: { href: "x" } }, _embedded: { [key]: items } });
const where = (url: string | undefined): string => {
  const parsed = new URL(url ?? "");
  return parsed.pathname + parsed.search;
};
const pageOf = (request: Request): number => Number(new URL(request.url).searchParams.get("page"));
const description = (token: string, desc = "Shipping region") => ({
  token,
  name: "region",
  description: desc,
  _links: { self: { href: "x" } },
});
const dataset = { account: "northwind", dataset: "5a4177a2902c" };

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const value of iterable) out.push(value);
  return out;
}

describe("columns and schedules", () => {
  it("lists a dataset's columns from _embedded.fields, with paging", async () => {
    const { fetch, requests } = recordingFetch(() =>
      listing("fields", [
        { name: "region", type: "string" },
        { name: "total_usd", type: "number" },
      ]),
    );
    const mode = createModeDatasets({ ...testOptions, fetch });
    const fields = await mode.datasets.listFields({ ...dataset, per_page: 100 });
    expect(fields.map((f) => f.name)).toEqual(["region", "total_usd"]);
    expect(where(requests[0]?.url)).toBe(
      "/api/northwind/datasets/5a4177a2902c/fields?per_page=100",
    );
  });

  it("reads a columns listing that comes as an empty _embedded as no columns", async () => {
    const { fetch } = recordingFetch(() => hal({ _links: { self: { href: "x" } }, _embedded: {} }));
    const mode = createModeDatasets({ ...testOptions, fetch });
    expect(await collect(mode.datasets.iterateFields(dataset))).toEqual([]);
  });

  it("lists and iterates a dataset's schedules from _embedded.report_schedules", async () => {
    const schedule = (token: string) => ({ token, name: "Hourly", frequency: "hourly" });
    const { fetch, requests } = recordingFetch((request) =>
      listing(
        "report_schedules",
        pageOf(request) === 0 || pageOf(request) === 1 ? [schedule("h1")] : [],
      ),
    );
    const mode = createModeDatasets({ ...testOptions, fetch });
    expect((await mode.datasets.listSchedules(dataset)).map((s) => s.token)).toEqual(["h1"]);
    expect((await collect(mode.datasets.iterateSchedules(dataset))).map((s) => s.token)).toEqual([
      "h1",
    ]);
    expect(requests.map((r) => where(r.url))).toEqual([
      "/api/northwind/datasets/5a4177a2902c/schedules",
      "/api/northwind/datasets/5a4177a2902c/schedules?page=1",
      "/api/northwind/datasets/5a4177a2902c/schedules?page=2",
    ]);
  });
});

describe("field descriptions", () => {
  const one = { ...dataset, field_description: "4d7a1c9e2b60" };

  it("lists and iterates a dataset's column descriptions", async () => {
    const { fetch, requests } = recordingFetch((request) =>
      listing("field_descriptions", pageOf(request) <= 1 ? [description("d1")] : []),
    );
    const mode = createModeDatasets({ ...testOptions, fetch });
    expect((await mode.datasets.fieldDescriptions.list({ ...dataset, page: 1 })).length).toBe(1);
    expect(
      (await collect(mode.datasets.fieldDescriptions.iterate(dataset))).map((d) => d.token),
    ).toEqual(["d1"]);
    expect(where(requests[0]?.url)).toBe(
      "/api/northwind/datasets/5a4177a2902c/field_descriptions?page=1",
    );
  });

  it("creates a description with name and desc at the top level, as Mode's own form sends them", async () => {
    const { fetch, requests } = recordingFetch(() => hal(description("d1")));
    const mode = createModeDatasets({ ...testOptions, fetch });
    const created = await mode.datasets.fieldDescriptions.create(dataset, {
      name: "region",
      desc: "Shipping region",
    });
    expect(created.token).toBe("d1");
    expect(requests[0]?.method).toBe("POST");
    expect(where(requests[0]?.url)).toBe("/api/northwind/datasets/5a4177a2902c/field_descriptions");
    expect(JSON.parse(requests[0]?.body ?? "")).toEqual({
      name: "region",
      desc: "Shipping region",
    });
  });

  it("updates a description's text with a PATCH of desc", async () => {
    const { fetch, requests } = recordingFetch(() => hal(description("4d7a1c9e2b60", "New")));
    const mode = createModeDatasets({ ...testOptions, fetch });
    const updated = await mode.datasets.fieldDescriptions.update(one, { desc: "New" });
    expect(updated.description).toBe("New");
    expect(requests[0]?.method).toBe("PATCH");
    expect(where(requests[0]?.url)).toBe(
      "/api/northwind/datasets/5a4177a2902c/field_descriptions/4d7a1c9e2b60",
    );
    expect(JSON.parse(requests[0]?.body ?? "")).toEqual({ desc: "New" });
  });

  it("deletes a description without reading the deleted one it answers with", async () => {
    const { fetch, requests } = recordingFetch(() => hal(description("4d7a1c9e2b60")));
    const mode = createModeDatasets({ ...testOptions, fetch });
    await expect(mode.datasets.fieldDescriptions.delete(one)).resolves.toBeUndefined();
    expect(requests[0]?.method).toBe("DELETE");
  });

  it("refuses a description Mode would refuse, naming the field, before sending", async () => {
    const { fetch, requests } = recordingFetch(() => hal(description("d1")));
    const mode = createModeDatasets({ ...testOptions, fetch });
    const create = (body: unknown) =>
      mode.datasets.fieldDescriptions.create(dataset, body as never);
    await expect(create(null)).rejects.toThrow(/not an object; expected \{ name, desc \}/);
    await expect(create({ name: "region" })).rejects.toThrow(/desc of type undefined/);
    await expect(create({ name: "", desc: "x" })).rejects.toThrow(/name of 0 characters/);
    await expect(create({ name: "region", desc: "x".repeat(351) })).rejects.toThrow(
      /desc of 351 characters is invalid; expected a string of 1 to 350 characters/,
    );
    await expect(create({ name: "region", desc: "x", extra: 1 })).rejects.toThrow(
      /Unknown field description field\(s\) "extra"/,
    );
    await expect(
      mode.datasets.fieldDescriptions.update(one, { name: "region", desc: "x" } as never),
    ).rejects.toThrow(/"name"; expected \{ desc \}/);
    expect(requests).toHaveLength(0);
  });

  it("never retries a description write", async () => {
    const { fetch, requests } = recordingFetch(() => modeError(503, "unavailable", "later"));
    const mode = createModeDatasets({ ...testOptions, fetch });
    await expect(
      mode.datasets.fieldDescriptions.create(dataset, { name: "region", desc: "x" }),
    ).rejects.toBeInstanceOf(ModeServerError);
    await expect(mode.datasets.fieldDescriptions.update(one, { desc: "x" })).rejects.toBeInstanceOf(
      ModeServerError,
    );
    await expect(mode.datasets.fieldDescriptions.delete(one)).rejects.toBeInstanceOf(
      ModeServerError,
    );
    expect(requests.map((r) => r.method)).toEqual(["POST", "PATCH", "DELETE"]);
  });
});
