"""A correct client: walks every Collection and reads every Dataset, waiting out each 429 for as
long as Retry-After says; renames one, runs one to its end polling with a growing wait, and
deletes one. Never repeats a write. Exits 0 when every step worked."""
import sys
import time

from mode_api import ACCOUNT, send_politely, walk

spaces = walk("/{}/spaces?filter=all".format(ACCOUNT), "spaces")
datasets = []
for space in spaces:
    datasets.extend(walk("/{}/spaces/{}/datasets".format(ACCOUNT, space["token"]), "reports"))

full = []
for item in datasets:
    answer = send_politely("GET", "/{}/datasets/{}".format(ACCOUNT, item["token"]))
    assert answer.status == 200, answer.status
    full.append(answer.json())
print("read {} Datasets in {} Collections".format(len(full), len(spaces)))

first = full[0]
renamed = send_politely("PATCH", "/{}/datasets/{}".format(ACCOUNT, first["token"]), {"report": {"name": "Orders by region (renamed)"}})
assert renamed.status == 200 and renamed.json()["name"] == "Orders by region (renamed)", renamed.status


def latest_succeeded(dataset):
    last = dataset["_links"].get("last_run", {}).get("href", "")
    return dataset["last_successful_run_token"] is not None and last.endswith("/" + dataset["last_successful_run_token"])


# The quickest Dataset whose last run succeeded: the seed makes some fail every time.
chosen = min((d for d in full if latest_succeeded(d)), key=lambda d: d["expected_runtime"])
started = send_politely("POST", "/{}/datasets/{}/runs".format(ACCOUNT, chosen["token"]))
assert started.status == 202, started.status
run = started.json()
wait = 1.0
while run["state"] not in ("succeeded", "completed", "failed", "cancelled"):
    time.sleep(wait)
    wait = min(wait * 1.5, 15)
    run = send_politely("GET", run["_links"]["self"]["href"]).json()
print("run", run["token"], run["state"])
assert run["state"] == "succeeded"

deleted = send_politely("DELETE", "/{}/datasets/{}".format(ACCOUNT, full[-1]["token"]))
assert deleted.status in (200, 204), deleted.status
sys.exit(0)
