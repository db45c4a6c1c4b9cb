"""Who is asking: the client's address, the same for every limit that counts per
client (the API's rate limit, the login throttle)."""

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The address of the client that sent `request`.

    Behind PROXY_COUNT reverse proxies, each appends the address it saw to
    X-Forwarded-For, so the client's is that many entries from the end; entries
    further left are the client's own claims and are not trusted. Without
    proxies the connection's own address is used, whatever the headers say.
    """
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    proxies = getattr(settings, "PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if not proxies or not forwarded:
        return remote
    addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
    if not addresses:
        return remote
    return addresses[-min(proxies, len(addresses))]
