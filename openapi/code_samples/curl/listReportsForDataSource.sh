curl --user "$MODE_API_TOKEN:$MODE_API_SECRET" \
  --header 'Accept: application/hal+json' \
  https://app.mode.com/api/northwind/data_sources/3c9e1f7a2d60/reports
