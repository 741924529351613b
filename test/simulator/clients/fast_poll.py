"""Fault: polls a run every few milliseconds. Runs the quickest Dataset and reads its run every
5 ms until it ends (waiting out 429s as told)."""
import time

from mode_api import ACCOUNT, send_politely, walk

datasets = []
for space in walk("/{}/spaces".format(ACCOUNT), "spaces"):
    datasets.extend(walk("/{}/spaces/{}/datasets".format(ACCOUNT, space["token"]), "reports"))
chosen = datasets[0]
run = send_politely("POST", "/{}/datasets/{}/runs".format(ACCOUNT, chosen["token"])).json()
polls = 0
while run["state"] not in ("succeeded", "completed", "failed", "cancelled"):
    time.sleep(0.005)
    run = send_politely("GET", run["_links"]["self"]["href"]).json()
    polls += 1
print(run["state"], "after", polls, "polls")
