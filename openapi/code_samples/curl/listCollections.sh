curl --user "$MODE_API_TOKEN:$MODE_API_SECRET" \
  --header 'Accept: application/hal+json' \
  --get \
  --data-urlencode 'filter=all' \
  https://app.mode.com/api/northwind/collections
