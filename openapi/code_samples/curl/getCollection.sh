curl --user "$MODE_API_TOKEN:$MODE_API_SECRET" \
  --header 'Accept: application/hal+json' \
  https://app.mode.com/api/northwind/collections/8f2c6d1e9b4a
