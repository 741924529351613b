"""Fault: reads only the first page. Lists the Datasets of each Collection with one request each
and never follows next_page."""
from mode_api import ACCOUNT, send_politely

for space in send_politely("GET", "/{}/spaces".format(ACCOUNT)).json()["_embedded"]["spaces"]:
    page = send_politely("GET", "/{}/spaces/{}/datasets".format(ACCOUNT, space["token"])).json()
    print(space["name"], len(page["_embedded"].get("reports", [])))
