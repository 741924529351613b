curl --user "$MODE_API_TOKEN:$MODE_API_SECRET" \
  --request POST \
  --header 'Accept: application/hal+json' \
  --header 'Content-Type: application/json' \
  --data '{"report": {"dataset_tokens": [{"token": "5a4177a2902c"}]}}' \
  https://app.mode.com/api/northwind/reports/7f3c2a9d41b8/runs
