"""Fault: hammers through 429s. Reads one Dataset over and over for HAMMER_SECONDS and, when told
to wait, tries again at once."""
import os
import time

from mode_api import ACCOUNT, send

space = send("GET", "/{}/spaces".format(ACCOUNT)).json()["_embedded"]["spaces"][0]
dataset = send("GET", "/{}/spaces/{}/datasets?per_page=1000".format(ACCOUNT, space["token"])).json()["_embedded"]["reports"][0]
deadline = time.monotonic() + float(os.environ.get("HAMMER_SECONDS", "2.5"))
counts = {}
while time.monotonic() < deadline:
    status = send("GET", "/{}/datasets/{}".format(ACCOUNT, dataset["token"])).status
    counts[status] = counts.get(status, 0) + 1
print(counts)
