curl --user "$MODE_API_TOKEN:$MODE_API_SECRET" \
  --header 'Accept: application/hal+json' \
  --get \
  --data-urlencode 'order_by=updated_at' \
  --data-urlencode 'order=desc' \
  https://app.mode.com/api/northwind/spaces/8f2c6d1e9b4a/reports
