curl --user "$MODE_API_TOKEN:$MODE_API_SECRET" \
  --request PATCH \
  --header 'Content-Type: application/json' \
  --data '{"desc": "Order total in US dollars, after discounts and before tax."}' \
  --header 'Accept: application/hal+json' \
  https://app.mode.com/api/northwind/datasets/5a4177a2902c/field_descriptions/8b1f3e6a0d27
