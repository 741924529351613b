curl --user "$MODE_API_TOKEN:$MODE_API_SECRET" \
  --header 'Accept: application/hal+json' \
  --get \
  --data-urlencode 'order_by=created_at' \
  --data-urlencode 'order=desc' \
  --data-urlencode 'per_page=5' \
  https://app.mode.com/api/northwind/reports/7f3c2a9d41b8/runs
