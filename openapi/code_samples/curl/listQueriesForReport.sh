curl --user "$MODE_API_TOKEN:$MODE_API_SECRET" \
  --header 'Accept: application/hal+json' \
  https://app.mode.com/api/northwind/reports/5a4177a2902c/queries
