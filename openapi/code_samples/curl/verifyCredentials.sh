curl --user "$MODE_API_TOKEN:$MODE_API_SECRET" \
  --header 'Accept: application/hal+json' \
  --fail \
  https://app.mode.com/api/verify
