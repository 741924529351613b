import { afterEach, describe, expect, it, vi } from "vitest";
import { createModeClient, DEFAULTS } from "../../../src/index.js";
import { hal, recordingFetch, testOptions } from "../helpers/recording-fetch.js";

const dataset = {
  token: "5a4177a2902c",
  id: 1,
  name: "Orders",
  _links: { self: { href: "/api/northwind/reports/5a4177a2902c" } },
};

describe("createModeClient requests", () => {
  it("sends a get to the base url with hal accept, user agent and basic auth", async () => {
    const { fetch, requests } = recordingFetch(() => hal(dataset));
    const client = createModeClient({ ...testOptions, fetch });
    const { data } = await client.GET("/{account}/datasets/{dataset}", {
      params: { path: { account: "northwind", dataset: "5a4177a2902c" } },
    });
    expect(data?.token).toBe("5a4177a2902c");
    const [request] = requests;
    expect(request?.method).toBe("GET");
    expect(request?.url).toBe("https://app.mode.com/api/northwind/datasets/5a4177a2902c");
    expect(request?.headers.get("accept")).toBe("application/hal+json, application/json;q=0.9");
    expect(request?.headers.get("user-agent")).toBe(DEFAULTS.userAgent);
    expect(request?.headers.get("authorization")).toBe(
      `Basic ${btoa("tok-unit-1234:sec-unit-5678")}`,
    );
  });

  it("keeps a path parameter with slashes, dots, query and fragment characters in one segment", async () => {
    const { fetch, requests } = recordingFetch(() => hal(dataset));
    const client = createModeClient({ ...testOptions, fetch });
    await client.GET("/{account}/datasets/{dataset}", {
      params: { path: { account: "north wind", dataset: "a/../b" } },
    });
    await client.GET("/{account}/datasets/{dataset}", {
      params: { path: { account: "northwind", dataset: "x?y#z" } },
    });
    expect(requests[0]?.url).toBe("https://app.mode.com/api/north%20wind/datasets/a%2F..%2Fb");
    expect(requests[1]?.url).toBe("https://app.mode.com/api/northwind/datasets/x%3Fy%23z");
    const path = new URL(requests[0]?.url ?? "").pathname.split("/");
    expect(path).toEqual(["", "api", "north%20wind", "datasets", "a%2F..%2Fb"]);
  });

  it("serialises filter, order and paging query parameters", async () => {
    const { fetch, requests } = recordingFetch(() =>
      hal({ _links: { self: { href: "x" } }, _embedded: { reports: [] } }),
    );
    const client = createModeClient({ ...testOptions, fetch });
    await client.GET("/{account}/spaces/{space}/datasets", {
      params: {
        path: { account: "northwind", space: "8f2c6d1e9b4a" },
        query: {
          filter: "created_at.gt.2024-01-01T00:00:00.000Z",
          order: "asc",
          order_by: "created_at",
          page: 2,
          per_page: 50,
        },
      },
    });
    const url = new URL(requests[0]?.url ?? "");
    expect(url.pathname).toBe("/api/northwind/spaces/8f2c6d1e9b4a/datasets");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      filter: "created_at.gt.2024-01-01T00:00:00.000Z",
      order: "asc",
      order_by: "created_at",
      page: "2",
      per_page: "50",
    });
  });

  it("sends a patch body as json", async () => {
    const { fetch, requests } = recordingFetch(() => hal(dataset));
    const client = createModeClient({ ...testOptions, fetch });
    await client.PATCH("/{account}/datasets/{dataset}", {
      params: { path: { account: "northwind", dataset: "5a4177a2902c" } },
      body: { report: { name: "Orders (2024)" } },
    });
    expect(requests[0]?.method).toBe("PATCH");
    expect(requests[0]?.headers.get("content-type")).toBe("application/json");
    expect(JSON.parse(requests[0]?.body ?? "")).toEqual({ report: { name: "Orders (2024)" } });
  });

  it("adds configured headers and a custom user agent", async () => {
    const { fetch, requests } = recordingFetch(() => hal(dataset));
    const client = createModeClient({
      ...testOptions,
      fetch,
      userAgent: "reporting-bot/2",
      headers: { "X-Team": "data" },
    });
    await client.GET("/{account}/datasets/{dataset}", {
      params: { path: { account: "a", dataset: "b" } },
    });
    expect(requests[0]?.headers.get("user-agent")).toBe("reporting-bot/2");
    expect(requests[0]?.headers.get("x-team")).toBe("data");
  });

  it("uses a trailing-slash base url without doubling the slash", async () => {
    const { fetch, requests } = recordingFetch(() => hal(dataset));
    const client = createModeClient({ ...testOptions, fetch, baseUrl: "http://127.0.0.1:4010/" });
    await client.GET("/{account}/datasets/{dataset}", {
      params: { path: { account: "a", dataset: "b" } },
    });
    expect(requests[0]?.url).toBe("http://127.0.0.1:4010/a/datasets/b");
  });
});

describe("createModeClient base URL from MODE_BASE_URL", () => {
  afterEach(() => vi.unstubAllEnvs());
  const get = (client: ReturnType<typeof createModeClient>) =>
    client.GET("/{account}/datasets/{dataset}", {
      params: { path: { account: "northwind", dataset: "5a4177a2902c" } },
    });

  it("sends to MODE_BASE_URL when no baseUrl is given, as the contract kit's mock expects", async () => {
    vi.stubEnv("MODE_BASE_URL", "http://127.0.0.1:4010");
    const { fetch, requests } = recordingFetch(() => hal(dataset));
    await get(createModeClient({ ...testOptions, fetch, baseUrl: undefined }));
    expect(requests[0]?.url).toBe("http://127.0.0.1:4010/northwind/datasets/5a4177a2902c");
  });

  it("prefers an explicit baseUrl to MODE_BASE_URL", async () => {
    vi.stubEnv("MODE_BASE_URL", "http://127.0.0.1:4010");
    const { fetch, requests } = recordingFetch(() => hal(dataset));
    await get(createModeClient({ ...testOptions, fetch, baseUrl: "https://mode.example/api" }));
    expect(requests[0]?.url).toBe("https://mode.example/api/northwind/datasets/5a4177a2902c");
  });

  it("treats an empty MODE_BASE_URL as unset", async () => {
    vi.stubEnv("MODE_BASE_URL", "");
    const { fetch, requests } = recordingFetch(() => hal(dataset));
    await get(createModeClient({ ...testOptions, fetch, baseUrl: undefined }));
    expect(requests[0]?.url).toBe(`${DEFAULTS.baseUrl}/northwind/datasets/5a4177a2902c`);
  });

  it("refuses a MODE_BASE_URL over plain http to a remote host, naming the variable", () => {
    vi.stubEnv("MODE_BASE_URL", "http://mode.example.com/api");
    expect(() => createModeClient({ ...testOptions, baseUrl: undefined })).toThrow(
      /^MODE_BASE_URL "http:\/\/mode\.example\.com\/api" would send Mode credentials over plain http:\/\//,
    );
  });
});

describe("createModeClient credentials", () => {
  it("reads MODE_API_TOKEN and MODE_API_SECRET from the environment by default", async () => {
    const { fetch, requests } = recordingFetch(() => hal(dataset));
    const env = process.env;
    const saved = { token: env["MODE_API_TOKEN"], secret: env["MODE_API_SECRET"] };
    env["MODE_API_TOKEN"] = "env-token";
    env["MODE_API_SECRET"] = "env-secret";
    try {
      // An explicit undefined (say, from an unset variable of the caller's) also means "use the default".
      const client = createModeClient({
        fetch,
        rateLimit: false,
        token: undefined,
        secret: undefined,
      });
      await client.GET("/{account}/datasets/{dataset}", {
        params: { path: { account: "a", dataset: "b" } },
      });
    } finally {
      restore("MODE_API_TOKEN", saved.token);
      restore("MODE_API_SECRET", saved.secret);
    }
    expect(requests[0]?.headers.get("authorization")).toBe(`Basic ${btoa("env-token:env-secret")}`);
  });

  it("asks a credentials function before every request", async () => {
    const { fetch, requests } = recordingFetch(() => hal(dataset));
    let n = 0;
    const client = createModeClient({
      fetch,
      rateLimit: false,
      credentials: async () => ({ token: `tok-${++n}`, secret: "s" }),
    });
    const init = { params: { path: { account: "a", dataset: "b" } } };
    await client.GET("/{account}/datasets/{dataset}", init);
    await client.GET("/{account}/datasets/{dataset}", init);
    expect(requests.map((r) => r.headers.get("authorization"))).toEqual([
      `Basic ${btoa("tok-1:s")}`,
      `Basic ${btoa("tok-2:s")}`,
    ]);
  });

  it("encodes each rotated pair afresh, whether the token or only the secret changed", async () => {
    const { fetch, requests } = recordingFetch(() => hal(dataset));
    const pairs = [
      { token: "tok-a", secret: "s-1" },
      { token: "tok-a", secret: "s-1" },
      { token: "tok-a", secret: "s-2" },
      { token: "tok-b", secret: "s-2" },
      { token: "tok-a", secret: "s-1" },
    ];
    let n = 0;
    // A fresh object each time, as a real provider would return.
    const credentials = () => ({ ...(pairs[n++] ?? { token: "x", secret: "y" }) });
    const client = createModeClient({ fetch, rateLimit: false, credentials });
    const init = { params: { path: { account: "a", dataset: "b" } } };
    for (let i = 0; i < pairs.length; i++) await client.GET("/{account}/datasets/{dataset}", init);
    const expected = pairs.map((p) => `Basic ${btoa(`${p.token}:${p.secret}`)}`);
    expect(requests.map((r) => r.headers.get("authorization"))).toEqual(expected);
  });

  it("refuses an empty token or secret at creation, naming the option", () => {
    expect(() => createModeClient({ token: "", secret: "s" })).toThrow(
      /token from the options is empty/,
    );
    expect(() => createModeClient({ token: "t", secret: "" })).toThrow(
      /secret from the options is empty/,
    );
    expect(() => createModeClient({ token: "t" })).toThrow(/secret .*missing.*MODE_API_SECRET/);
  });

  it("refuses missing credentials before anything is sent", async () => {
    const { fetch, requests } = recordingFetch(() => hal(dataset));
    const saved = { token: process.env["MODE_API_TOKEN"], secret: process.env["MODE_API_SECRET"] };
    delete process.env["MODE_API_TOKEN"];
    delete process.env["MODE_API_SECRET"];
    try {
      const client = createModeClient({ fetch, rateLimit: false });
      await expect(
        client.GET("/{account}/datasets/{dataset}", {
          params: { path: { account: "a", dataset: "b" } },
        }),
      ).rejects.toThrow(/token from the environment .* is missing; pass `token`.*MODE_API_TOKEN/);
    } finally {
      restore("MODE_API_TOKEN", saved.token);
      restore("MODE_API_SECRET", saved.secret);
    }
    expect(requests).toHaveLength(0);
  });

  it("refuses credentials from a function that returns an empty secret", async () => {
    const { fetch, requests } = recordingFetch(() => hal(dataset));
    const client = createModeClient({
      fetch,
      rateLimit: false,
      credentials: () => ({ token: "t", secret: "" }),
    });
    await expect(
      client.GET("/{account}/datasets/{dataset}", {
        params: { path: { account: "a", dataset: "b" } },
      }),
    ).rejects.toThrow(/secret from the credentials function is empty/);
    expect(requests).toHaveLength(0);
  });

  it("refuses credentials over plain http to a non-loopback host", () => {
    expect(() =>
      createModeClient({ ...testOptions, baseUrl: "http://mode.example.com/api" }),
    ).toThrow(/plain http:\/\/.*expected https:\/\//);
  });

  it("refuses a per-request http base url to a non-loopback host before sending", async () => {
    const { fetch, requests } = recordingFetch(() => hal(dataset));
    const client = createModeClient({ ...testOptions, fetch });
    await expect(
      client.GET("/{account}/datasets/{dataset}", {
        baseUrl: "http://evil.example/api",
        params: { path: { account: "a", dataset: "b" } },
      }),
    ).rejects.toThrow(
      /A request to evil\.example would send Mode credentials over plain http:\/\//,
    );
    expect(requests).toHaveLength(0);
  });

  it("allows plain http to loopback hosts", () => {
    for (const baseUrl of [
      "http://localhost:4010",
      "http://127.0.0.1:4010",
      "http://[::1]:4010",
      "http://127.1.2.3",
    ]) {
      expect(() => createModeClient({ ...testOptions, baseUrl }), baseUrl).not.toThrow();
    }
  });

  it("refuses a base url carrying a user name or password without echoing it", () => {
    const attempt = (): unknown =>
      createModeClient({ ...testOptions, baseUrl: "https://me:hunter2@app.mode.com/api" });
    expect(attempt).toThrow(/must not contain a user name or password/);
    expect(attempt).not.toThrow(/hunter2/);
  });

  it("refuses header values with cr or lf without echoing the value", () => {
    const attempt = (): unknown =>
      createModeClient({ ...testOptions, headers: { "X-Key": "abc\r\nX-Evil: 1" } });
    expect(attempt).toThrow(/Header "X-Key" contains CR or LF/);
    expect(attempt).not.toThrow(/abc/);
    expect(() => createModeClient({ ...testOptions, userAgent: "bot\n" })).toThrow(/User-Agent/);
  });

  it("refuses a token containing a colon or a line break", () => {
    expect(() => createModeClient({ token: "a:b", secret: "s" })).toThrow(/contains ":"/);
    expect(() => createModeClient({ token: "a", secret: "s\n" })).toThrow(/line break/);
  });

  it("refuses both credentials and token", () => {
    expect(() =>
      createModeClient({
        token: "t",
        secret: "s",
        credentials: () => ({ token: "t", secret: "s" }),
      }),
    ).toThrow(/either `credentials` or `token` and `secret`/);
  });

  it("refuses nonsense options with the bad value and what was expected", () => {
    expect(() => createModeClient({ ...testOptions, timeoutMs: -1 })).toThrow(
      /timeoutMs -1 .*positive number/,
    );
    expect(() => createModeClient({ ...testOptions, retry: { retries: 1.5 } })).toThrow(
      /retry.retries 1.5/,
    );
    expect(() =>
      createModeClient({ ...testOptions, rateLimit: { requests: 0, intervalMs: 1000 } }),
    ).toThrow(/rateLimit.requests 0/);
    expect(() => createModeClient({ ...testOptions, baseUrl: "app.mode.com" })).toThrow(
      /not an absolute URL/,
    );
    for (const maxResponseBytes of [0, -1, 1.5, Number.NaN]) {
      expect(() => createModeClient({ ...testOptions, maxResponseBytes })).toThrow(
        new RegExp(`maxResponseBytes ${String(maxResponseBytes)} .*whole number of bytes`),
      );
    }
    expect(() => createModeClient({ ...testOptions, maxResponseBytes: false })).not.toThrow();
  });
});

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

describe("the response of a success openapi-fetch leaves unread", () => {
  const path = "/{account}/datasets/{dataset}" as const;
  const init = { params: { path: { account: "a", dataset: "b" } } };

  it("can still be read, as openapi-fetch alone would leave it", async () => {
    const { fetch } = recordingFetch((_, i) =>
      i === 0
        ? new Response(null, { status: 204, headers: { "X-Request-Id": "r1" } })
        : i === 1
          ? new Response("", { status: 200, headers: { "Content-Length": "0" } })
          : new Response("OK", { status: 200, headers: { "Content-Type": "text/plain" } }),
    );
    const client = createModeClient({ ...testOptions, fetch });
    const noContent = await client.DELETE(path, init);
    expect(noContent.response.status).toBe(204);
    expect(noContent.response.headers.get("x-request-id")).toBe("r1");
    expect(await noContent.response.clone().text()).toBe("");
    const empty = await client.DELETE(path, init);
    expect(await empty.response.clone().text()).toBe("");
    // A DELETE's body is not read by the client, so it is still there for the caller.
    const ok = await client.DELETE(path, init);
    expect(ok.data).toBeUndefined();
    expect(await ok.response.text()).toBe("OK");
  });
});
