"""The portal page served at the portal URL: pick a broker, connect, and the session is authenticated."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any
from urllib.parse import parse_qs

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from .catalog import BROKERS, canonical_broker_id
from .data import USER_ID
from .state import SandboxState, Session
from .theme import Theme, decode_base64_json, resolve_theme

__all__ = ["portal_routes"]

_BROKER_IDS = [b["id"] for b in BROKERS]
_INITIALS_MAX = 2


def _brokers_from(param: str | None) -> list[dict[str, Any]]:
    wanted = decode_base64_json(param)
    if not isinstance(wanted, list):
        return list(BROKERS)
    ids = {canonical_broker_id(w) for w in wanted if isinstance(w, str)}
    chosen = [b for b in BROKERS if b["id"] in ids]
    return chosen or list(BROKERS)


def _css(t: Theme) -> str:
    return f"""
:root{{--bg:{t.background};--surface:{t.surface};--text:{t.text};--muted:{t.muted};--primary:{t.primary};
--on-primary:{t.primary_text};--border:{t.border};--radius:{t.radius}}}
*{{box-sizing:border-box}}
body{{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;background:var(--bg);
color:var(--text);font-family:{t.font_family}}}
main{{width:min(440px,92vw);background:var(--surface);border:1px solid var(--border);
border-radius:var(--radius);padding:28px 28px 20px;box-shadow:0 10px 30px rgba(0,0,0,.08)}}
header{{display:flex;align-items:center;gap:12px;margin-bottom:6px}}
header img{{max-height:36px;max-width:140px}}
h1{{font-size:1.3rem;margin:0}}
p.lead{{color:var(--muted);margin:4px 0 18px;font-size:.95rem}}
label{{display:block;font-size:.85rem;color:var(--muted);margin-bottom:6px}}
input[type=email]{{width:100%;padding:10px 12px;border:1px solid var(--border);border-radius:8px;
background:var(--surface);color:var(--text);font-size:.95rem;margin-bottom:18px}}
ul{{list-style:none;padding:0;margin:0;display:grid;gap:10px}}
li form{{display:flex;align-items:center;justify-content:space-between;gap:12px;padding:12px 14px;
border:1px solid var(--border);border-radius:10px}}
.broker{{display:flex;align-items:center;gap:10px}}
.mark{{width:34px;height:34px;border-radius:8px;display:grid;place-items:center;background:var(--primary);
color:var(--on-primary);font-weight:700;font-size:.8rem}}
.name{{font-weight:600}} .desc{{color:var(--muted);font-size:.8rem}}
button{{background:var(--primary);color:var(--on-primary);border:0;border-radius:8px;padding:9px 16px;
font-weight:600;cursor:pointer}}
button:hover{{filter:brightness(1.08)}}
footer{{margin-top:18px;color:var(--muted);font-size:.75rem;text-align:center}}
.done{{text-align:center;padding:12px 0}} .done .check{{font-size:2.4rem;color:var(--primary)}}
"""


def _page(title: str, theme: Theme, body: str, status: int = 200) -> HTMLResponse:
    logo = f'<img src="{html.escape(theme.logo_url)}" alt="logo">' if theme.logo_url else ""
    document = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{html.escape(title)}</title><style>{_css(theme)}</style></head>
<body><main><header>{logo}<h1>{html.escape(title)}</h1></header>
{body}
<footer>Finatic sandbox &middot; simulated brokers, no real accounts</footer></main></body></html>"""
    return HTMLResponse(document, status_code=status, headers={"Cache-Control": "no-store"})


def _broker_item(broker: dict[str, Any], action: str, email: str) -> str:
    name = broker["display_name"]
    initials = "".join(w[0] for w in name.split()[:_INITIALS_MAX]).upper()
    return f"""<li><form method="post" action="{html.escape(action)}" data-broker="{broker["id"]}">
<span class="broker"><span class="mark">{html.escape(initials)}</span>
<span><span class="name">{html.escape(name)}</span><br>
<span class="desc">{html.escape(broker["description"])}</span>
</span></span><input type="hidden" name="broker" value="{broker["id"]}">
<input type="hidden" name="email" value="{html.escape(email)}" class="email-copy">
<button type="submit" id="connect-{broker["id"]}">Connect</button></form></li>"""


def _session_or_page(state: SandboxState, request: Request, theme: Theme) -> Session | HTMLResponse:
    session = state.sessions_by_portal.get(request.path_params["portal_id"])
    if session is None:
        return _page("Link not found", theme, '<p class="lead">This portal link is not valid.</p>', 404)
    if state.clock() >= session.expires_at:
        session.status = "expired"
        return _page(
            "Link expired", theme, '<p class="lead">This session has expired. Start a new one.</p>', 410
        )
    return session


def portal_routes(state: SandboxState) -> list[Route]:
    async def show(request: Request) -> Response:
        params = request.query_params
        theme = resolve_theme(params.get("theme"), params.get("themeObject"))
        found = _session_or_page(state, request, theme)
        if not isinstance(found, Session):
            return found
        if found.status == "pending":
            found.status = "authenticating"
        email = params.get("email", "")[:254]
        brokers: Sequence[dict[str, Any]] = _brokers_from(params.get("brokers"))
        query = request.url.query
        action = f"{request.url.path}/connect" + (f"?{query}" if query else "")
        items = "\n".join(_broker_item(b, action, email) for b in brokers)
        body = f"""<p class="lead">Connect a brokerage account to continue.</p>
<label for="email">Email</label><input type="email" id="email" name="email" value="{html.escape(email)}"
 placeholder="you@example.com" autocomplete="email"
 oninput="document.querySelectorAll('.email-copy').forEach(function(e){{e.value=this.value}},this)">
<ul>{items}</ul>"""
        return _page("Connect your broker", theme, body)

    async def connect(request: Request) -> Response:
        params = request.query_params
        theme = resolve_theme(params.get("theme"), params.get("themeObject"))
        found = _session_or_page(state, request, theme)
        if not isinstance(found, Session):
            return found
        form = parse_qs((await request.body()).decode("utf-8", "replace"))
        broker_id = canonical_broker_id((form.get("broker") or [""])[0])
        broker = next((b for b in BROKERS if b["id"] == broker_id), None)
        if broker is None:
            return _page("Unknown broker", theme, '<p class="lead">Pick one of the listed brokers.</p>', 400)
        found.user_id = USER_ID
        found.status = "active"
        state.request_counts["POST /portal/{portal_id}/connect"] += 1
        body = f"""<div class="done"><div class="check">&#10003;</div>
<p class="lead">Connected to {html.escape(broker["display_name"])} &mdash;
you can close this window.</p></div>"""
        return _page("Connected", theme, body)

    return [
        Route("/portal/{portal_id}", show, methods=["GET"]),
        Route("/portal/{portal_id}/connect", connect, methods=["POST"]),
    ]
