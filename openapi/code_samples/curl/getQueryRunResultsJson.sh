curl --user "$MODE_API_TOKEN:$MODE_API_SECRET" \
  --compressed \
  --header 'Accept: application/json' \
  https://app.mode.com/api/northwind/reports/7f3c2a9d41b8/runs/a1f3c5e7d902/query_runs/f1e2d3c4b5a6/results/content.json
