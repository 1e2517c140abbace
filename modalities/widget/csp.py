"""The Content-Security-Policy every widget page carries, so it cannot reach the network however it is opened.

Trusted widget pages allow exactly their own scripts, by hash: even if a plan's text somehow became markup, it
could not run. Custom HTML (`kind: html`) is model-written, so its inline scripts are allowed as a whole; it is
then only ever served with the `sandbox` directive (see server/routes/embed.py), which gives it an opaque origin.

A policy in a <meta> tag cannot carry `sandbox` or `frame-ancestors`; the server adds those in the HTTP header.
"""

from __future__ import annotations

import base64
import hashlib

# Nothing may load from anywhere: scripts and styles are inline, pictures and fonts are data: URLs.
_LOCKED = {
    "default-src": "'none'",
    "style-src": "'unsafe-inline'",
    "img-src": "data:",
    "font-src": "data:",
    "media-src": "data:",
    "connect-src": "'none'",
    "frame-src": "'none'",
    "worker-src": "'none'",
    "object-src": "'none'",
    "manifest-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'none'",
}


def script_hash(code: str) -> str:
    """The CSP source that allows exactly this inline script."""
    digest = hashlib.sha256(code.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(script_src: str, *, trusted_types: bool = False) -> str:
    directives = dict(_LOCKED, **{"script-src": script_src})
    text = "; ".join(f"{k} {v}" for k, v in directives.items())
    if trusted_types:
        # The page builds its DOM with textContent only, so no string may ever become markup or script.
        text += "; require-trusted-types-for 'script'; trusted-types 'none'"
    return text


def trusted_policy(scripts: list[str], *, trusted_types: bool) -> str:
    """The policy of a page built from our templates: its own scripts, by hash, and nothing else."""
    return policy(" ".join(script_hash(s) for s in scripts), trusted_types=trusted_types)


# Model-written pages keep their inline scripts; every string they turn into markup passes the guard's Trusted
# Types policy named 'default' (see custom.py), and no other policy may be made.
CUSTOM_POLICY = policy("'unsafe-inline'") + "; require-trusted-types-for 'script'; trusted-types default"
