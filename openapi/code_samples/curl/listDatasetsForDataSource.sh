curl --user "$MODE_API_TOKEN:$MODE_API_SECRET" \
  --header 'Accept: application/hal+json' \
  --get \
  --data-urlencode 'filter=updated_at.gt.2024-06-01T00:00:00.000Z' \
  --data-urlencode 'page=1' \
  https://app.mode.com/api/northwind/data_sources/3c9e1f7a2d60/datasets
