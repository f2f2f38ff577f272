"""Which recorded image URLs of a post the dashboard may show.

The skills image is shown from the URL the network's own API gave at ingest (`Post.image_urls`),
never from a link in the post's text, and only when that URL is on the host the seeker posted
on: Bluesky's CDN or the configured PDS serving a blob *of the author's own DID*, X's media host,
the Mastodon instance of the post (or one of its subdomains, e.g. files.mastodon.social). Anything
else (a hostile replay file, another host) is left out and the page links to the original post.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from django.conf import settings

from colibri.relay.models import Post

BLUESKY_CDN = "cdn.bsky.app"
# The CDN serves a smaller rendition under another path: the queue card uses it (faster, less data).
BLUESKY_FULLSIZE = "/img/feed_fullsize/"
BLUESKY_THUMBNAIL = "/img/feed_thumbnail/"
X_MEDIA_HOSTS = frozenset({"pbs.twimg.com"})


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def _same_site(host: str, site: str) -> bool:
    return bool(site) and (host == site or host.endswith("." + site))


def _bluesky_ok(url: str, did: str) -> bool:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if host == BLUESKY_CDN:
        # /img/<preset>/plain/<did>/<cid>@jpeg: the blob must be the author's own.
        segments = parts.path.split("/")
        return len(segments) > 5 and segments[4] == did
    service = _host(getattr(settings, "BLUESKY_SERVICE", ""))
    if host and host == service and parts.path.endswith("/com.atproto.sync.getBlob"):
        return parse_qs(parts.query).get("did") == [did]
    return False


def _mastodon_ok(url: str, post: Post) -> bool:
    host = _host(url)
    instances = {_host(post.uri), _host(post.url), _host(getattr(settings, "MASTODON_API_BASE_URL", ""))}
    return any(_same_site(host, site) for site in instances if site)


def allowed(url: str, post: Post) -> bool:
    scheme = urlsplit(url).scheme.lower()
    # Plain http only for a local PDS (tests, a home server): a CDN always answers https.
    if scheme not in ("https", "http"):
        return False
    if post.network == "bluesky":
        return _bluesky_ok(url, post.author.remote_id)
    if scheme != "https":
        return False
    if post.network == "x":
        return _host(url) in X_MEDIA_HOSTS
    if post.network == "mastodon":
        return _mastodon_ok(url, post)
    return False


def safe_image_urls(post: Post, *, size: str = "full") -> list[str]:
    """The post's images that may be shown, in order; `size="card"` asks the CDN's thumbnail."""
    urls = [str(u) for u in (post.image_urls or []) if isinstance(u, str) and allowed(u, post)]
    if size == "card":
        urls = [
            u.replace(BLUESKY_FULLSIZE, BLUESKY_THUMBNAIL, 1) if _host(u) == BLUESKY_CDN else u for u in urls
        ]
    return urls
