"""Who sent a request: the client's address, also behind a reverse proxy.

Behind haproxy or nginx every request arrives from the proxy's address, so counting by
REMOTE_ADDR would put all participants into one spam bucket. X-Forwarded-For is believed only
when the direct peer is one of the configured proxies (settings.TRUSTED_PROXIES, addresses or
networks): anyone else could write whatever they like into that header.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def trusted_networks() -> tuple[Network, ...]:
    return _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ())))


def _is_trusted(address: str, networks: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(request: HttpRequest) -> str:
    """The client's IP address, or "unknown".

    The forwarded chain is read from the right: each trusted proxy appended the address it got
    the request from, so the first address from the right that is not a trusted proxy is the
    client. Entries further left were written by the client itself and count for nothing."""
    peer = (request.META.get("REMOTE_ADDR") or "").strip()
    networks = trusted_networks()
    if not networks or not _is_trusted(peer, networks):
        return peer or "unknown"
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    for hop in reversed(hops):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            # A garbled entry: the chain cannot be followed further; the last trusted hop is
            # the best we know.
            return peer
        if not _is_trusted(hop, networks):
            return hop
    # Only proxies in the chain (a health check from the proxy itself): the proxy is the client.
    return hops[0] if hops else peer
