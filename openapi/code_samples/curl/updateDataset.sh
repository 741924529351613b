curl --user "$MODE_API_TOKEN:$MODE_API_SECRET" \
  --request PATCH \
  --header 'Accept: application/hal+json' \
  --header 'Content-Type: application/json' \
  --data '{"report": {"name": "Orders by region (EU)"}}' \
  https://app.mode.com/api/northwind/datasets/5a4177a2902c
