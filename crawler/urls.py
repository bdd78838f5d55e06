"""URL identity: tracking parameters removed, w3lib canonical form, the page's own canonical link.

An article's identity is its canonical URL (`claimgraph.records.article_id` hashes it). The page's
`rel=canonical` / `og:url` is trusted only when it stays within the same source: a syndicated
copy that points at the wire's original is a copy of it, not the same article.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

TRACKING_PARAMETER = re.compile(
    r"^(utm_[a-z0-9_]+|fbclid|gclid|gclsrc|dclid|gbraid|wbraid|msclkid|yclid|twclid|igshid|mc_cid|mc_eid"
    r"|_hsenc|_hsmi|mkt_tok|oly_anon_id|oly_enc_id|vero_id|vero_conv|wickedid|ncid|sr_share|cmpid|__s)$",
    re.IGNORECASE,
)


def strip_tracking(url: str) -> str:
    """The URL without tracking query parameters (utm_*, fbclid, gclid, ...) and without fragment."""
    parts = urlsplit(url)
    query = [(key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True)]
    kept = [(key, value) for key, value in query if not TRACKING_PARAMETER.match(key)]
    new_query = urlencode(kept) if len(kept) != len(query) else parts.query
    return urlunsplit((parts.scheme, parts.netloc, parts.path, new_query, ""))


def clean_url(url: str) -> str:
    """The canonical form of a URL: tracking removed, then w3lib canonicalisation, lower-case host."""
    canonical = canonicalize_url(strip_tracking(url.strip()))
    parts = urlsplit(canonical)
    netloc = parts.netloc.lower()
    default_port = {"http": ":80", "https": ":443"}.get(parts.scheme, "")
    if default_port and netloc.endswith(default_port):
        netloc = netloc[: -len(default_port)]
    return urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))


def same_site(url: str, other: str) -> bool:
    """Whether two URLs are on the same host (ignoring a leading 'www.')."""

    def host(value: str) -> str:
        netloc = urlsplit(value).netloc.lower()
        return netloc[4:] if netloc.startswith("www.") else netloc

    return host(url) == host(other)


def resolve(base: str, link: str) -> str | None:
    """An absolute http(s) URL for `link` found on `base`, or None for other schemes."""
    absolute = urljoin(base, link.strip())
    return absolute if urlsplit(absolute).scheme in ("http", "https") else None
