// `npm run docs`: renders generated/openapi.yaml to build/docs/index.html, a single page that
// works offline (Redoc inlined, no telemetry). Run `npm run generate` first after editing openapi/.
import { relative } from "node:path";
import { buildDocs } from "./docs-builder.js";

try {
  const page = await buildDocs();
  console.log(
    `API reference written to ${relative(process.cwd(), page)}; open it in a browser, no server needed.`,
  );
} catch (error) {
  console.error(`docs: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
