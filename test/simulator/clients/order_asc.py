"""Fault: sends order=ASC. Mode's order values are lowercase; this client capitalised them."""
import sys

from mode_api import ACCOUNT, send_politely

space = send_politely("GET", "/{}/spaces".format(ACCOUNT)).json()["_embedded"]["spaces"][0]
answer = send_politely("GET", "/{}/spaces/{}/datasets?order=ASC&order_by=created_at".format(ACCOUNT, space["token"]))
print(answer.status)
sys.exit(0 if answer.status == 200 else 1)
