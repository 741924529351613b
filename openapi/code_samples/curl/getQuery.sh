curl --user "$MODE_API_TOKEN:$MODE_API_SECRET" \
  --header 'Accept: application/hal+json' \
  https://app.mode.com/api/northwind/reports/7f3c2a9d41b8/queries/9a2c4e6f8b10
