curl --user "$MODE_API_TOKEN:$MODE_API_SECRET" \
  --request PATCH \
  --header 'Content-Type: application/json' \
  --data '{"report": {"space_token": "c07d5e2a8b31"}}' \
  --header 'Accept: application/hal+json' \
  https://app.mode.com/api/northwind/reports/7f3c2a9d41b8
