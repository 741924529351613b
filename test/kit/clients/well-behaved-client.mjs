// A foreign client that is not ours: plain fetch calls shaped like the curl examples in Mode's
// Datasets reference (Basic auth, `Accept: application/hal+json`, JSON bodies wrapped in
// `report`). It exercises all eight operations against MODE_BASE_URL and exits non-zero if any
// answer is not a success, as a client's own test suite would.
const base = process.env.MODE_BASE_URL;
if (!base) {
  console.error("MODE_BASE_URL is not set");
  process.exit(2);
}
const token = process.env.MODE_API_TOKEN || "example-token";
const secret = process.env.MODE_API_SECRET || "example-secret";
const headers = {
  Authorization: `Basic ${Buffer.from(`${token}:${secret}`).toString("base64")}`,
  "Content-Type": "application/json",
  Accept: "application/hal+json",
};

const calls = [
  ["GET", "/northwind/datasets/5a4177a2902c"],
  ["GET", "/northwind/spaces/8f2c6d1e9b4a/datasets?filter=created_at.gt.2019-12-19T10:21:12Z"],
  ["GET", "/northwind/spaces/8f2c6d1e9b4a/datasets?order=asc&order_by=created_at"],
  [
    "GET",
    "/northwind/data_sources/3c9e1f7a2d60/datasets?filter=updated_at.lt.2024-09-02T07:38:43.722Z&order=desc&order_by=updated_at",
  ],
  ["GET", "/northwind/datasets/5a4177a2902c/reports"],
  ["GET", "/northwind/reports/7f3c2a9d41b8/runs?page=1&per_page=30"],
  [
    "PATCH",
    "/northwind/datasets/5a4177a2902c",
    { report: { name: "Orders by region", description: "One row per order." } },
  ],
  [
    "POST",
    "/northwind/reports/7f3c2a9d41b8/runs",
    { report: { dataset_tokens: [{ token: "5a4177a2902c" }] } },
  ],
  ["DELETE", "/northwind/datasets/5a4177a2902c"],
];

let failed = 0;
for (const [method, path, body] of calls) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  await response.arrayBuffer();
  console.log(`${response.status} ${method} ${path}`);
  if (!response.ok) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
