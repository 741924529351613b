curl --user "$MODE_API_TOKEN:$MODE_API_SECRET" \
  --request DELETE \
  --header 'Accept: application/hal+json' \
  https://app.mode.com/api/northwind/datasets/5a4177a2902c/field_descriptions/4d7a1c9e2b60
