curl --user "$MODE_API_TOKEN:$MODE_API_SECRET" \
  --compressed \
  --header 'Accept: text/csv, application/zip, application/json' \
  https://app.mode.com/api/northwind/reports/5a4177a2902c/runs/c81d5f2a9e63/results/content.csv
