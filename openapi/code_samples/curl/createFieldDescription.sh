curl --user "$MODE_API_TOKEN:$MODE_API_SECRET" \
  --request POST \
  --header 'Content-Type: application/json' \
  --data '{"name": "region", "desc": "Shipping region of the order, from the regions table."}' \
  --header 'Accept: application/hal+json' \
  https://app.mode.com/api/northwind/datasets/5a4177a2902c/field_descriptions
