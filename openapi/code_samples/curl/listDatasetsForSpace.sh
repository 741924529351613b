curl --user "$MODE_API_TOKEN:$MODE_API_SECRET" \
  --header 'Accept: application/hal+json' \
  --get \
  --data-urlencode 'filter=created_at.gt.2024-01-01T00:00:00.000Z' \
  --data-urlencode 'order_by=created_at' \
  --data-urlencode 'order=desc' \
  --data-urlencode 'page=1' \
  https://app.mode.com/api/northwind/spaces/8f2c6d1e9b4a/datasets
