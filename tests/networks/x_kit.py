"""What the X adapter tests share: the API paths they answer and the (fake) keys."""

from __future__ import annotations

SEARCH = r"/2/tweets/search/recent"
MENTIONS = r"/2/users/2244994945/mentions"
KEYS = {
    "bearer_token": "BEARER-secret-1",
    "api_key": "KEY-secret-2",
    "api_secret": "APISECRET-secret-3",
    "access_token": "2244994945-ACCESSsecret4",
    "access_token_secret": "ACCESSSECRET-secret-5",
}
