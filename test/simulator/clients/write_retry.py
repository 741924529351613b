"""Fault: retries a write after a reset. Renames a Dataset; when the connection is lost, sends the
same rename again at once, though Mode may already have done it."""
from mode_api import ACCOUNT, ConnectionLost, send_politely

space = send_politely("GET", "/{}/spaces".format(ACCOUNT)).json()["_embedded"]["spaces"][0]
dataset = send_politely("GET", "/{}/spaces/{}/datasets?per_page=1000".format(ACCOUNT, space["token"])).json()["_embedded"]["reports"][0]
path = "/{}/datasets/{}".format(ACCOUNT, dataset["token"])
rename = {"report": {"name": "Orders by region (EU)"}}
for attempt in range(3):
    try:
        print(send_politely("PATCH", path, rename).status)
        break
    except ConnectionLost as error:
        print("connection lost, retrying:", error)
