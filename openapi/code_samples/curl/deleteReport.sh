curl --user "$MODE_API_TOKEN:$MODE_API_SECRET" \
  --request DELETE \
  --header 'Accept: application/hal+json' \
  https://app.mode.com/api/northwind/reports/e4a81f06c2d9
