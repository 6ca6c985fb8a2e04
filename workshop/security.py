"""Secrets, join codes and the headers every response carries."""
import hashlib
import hmac
import secrets

# No look-alikes: no 0/O, no 1/I/L.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
# Scripts and stylesheets are never documents: a policy, framing or referrer header does
# nothing there (no script, frame or link is made from them), while it would cost a phone
# about 400 bytes per file on a slow link. They keep nosniff, which does apply to them.
STATIC_HEADERS = {"X-Content-Type-Options": "nosniff"}


def new_secret():
    """192 random bits, URL-safe: facilitator keys and participant tokens."""
    return secrets.token_urlsafe(24)


def digest(secret):
    """Secrets are stored only as this digest. They carry 192 random bits, so a fast
    hash is enough: there is nothing to guess by brute force."""
    return hashlib.sha256(secret.encode()).hexdigest()


def matches(secret, expected_digest):
    return isinstance(secret, str) and hmac.compare_digest(digest(secret), expected_digest)


def new_join_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text):
    """What a person typed, as a join code: case-insensitive, spaces and dashes ignored.
    Returns None when it cannot be a code."""
    if not isinstance(text, str):
        return None
    code = "".join(ch for ch in text.upper() if ch not in " -")
    if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        return None
    return code
