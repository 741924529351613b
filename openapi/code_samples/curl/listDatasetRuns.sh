curl --user "$MODE_API_TOKEN:$MODE_API_SECRET" \
  --header 'Accept: application/hal+json' \
  --get \
  --data-urlencode 'order_by=created_at' \
  --data-urlencode 'order=desc' \
  --data-urlencode 'per_page=10' \
  https://app.mode.com/api/northwind/datasets/5a4177a2902c/runs
