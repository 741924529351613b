// A foreign client that is not ours, with the mistakes people make against Mode's Datasets API.
// It never checks the answers (exits 0), so a failing verdict can only come from the
// violations the contract kit collects.
const base = process.env.MODE_BASE_URL;
const auth = `Basic ${Buffer.from("example-token:example-secret").toString("base64")}`;
const json = {
  Authorization: auth,
  "Content-Type": "application/json",
  Accept: "application/hal+json",
};

async function send(method, path, init = {}) {
  const response = await fetch(`${base}${path}`, { method, ...init });
  await response.arrayBuffer();
  console.log(`${response.status} ${method} ${path}`);
}

// Filter on a field Mode cannot filter by, with an operator it does not know (sent twice).
await send("GET", "/northwind/spaces/8f2c6d1e9b4a/datasets?filter=name.eq.Orders", {
  headers: json,
});
await send("GET", "/northwind/spaces/8f2c6d1e9b4a/datasets?filter=name.eq.Orders", {
  headers: json,
});
// Update body not wrapped in `report`.
await send("PATCH", "/northwind/datasets/5a4177a2902c", {
  headers: json,
  body: JSON.stringify({ name: "Renamed" }),
});
// Refresh with bare string tokens instead of `{token}` objects.
await send("POST", "/northwind/reports/7f3c2a9d41b8/runs", {
  headers: json,
  body: JSON.stringify({ report: { dataset_tokens: ["5a4177a2902c"] } }),
});
// Forgot the credentials.
await send("GET", "/northwind/datasets/5a4177a2902c", {
  headers: { Accept: "application/hal+json" },
});
// One correct call among the mistakes: it must not be reported.
await send("GET", "/northwind/datasets/5a4177a2902c/reports", { headers: json });
