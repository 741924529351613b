import { createModeClient } from "mode-datasets";

// Token and secret come from MODE_API_TOKEN and MODE_API_SECRET.
const mode = createModeClient();

// Report schedules, on the wire; hour and minute come back as words.
const { data, error } = await mode.GET("/{account}/datasets/{dataset}/schedules", {
  params: { path: { account: "northwind", dataset: "5a4177a2902c" } },
});
if (error) throw new Error(`listDatasetSchedules failed: ${JSON.stringify(error)}`);
for (const schedule of data._embedded.report_schedules ?? [])
  console.log(schedule.name, schedule.frequency, schedule.next_scheduled_run);
