"""Absolute addresses for links and QR codes: PUBLIC_URL when set, else the address the
request came to (so a phone on the venue wi-fi gets an address it can reach)."""
from flask import current_app, request


def base():
    return current_app.config["PUBLIC_URL"] or request.host_url.rstrip("/")


def join_url(code):
    return f"{base()}/j/{code}"


def presenter_url(code):
    return f"{base()}/s/{code}"


def console_url(code):
    return f"{base()}/f/{code}"


def facilitator_url(code, key):
    return f"{base()}/f/{code}/{key}"


def qr_url(code):
    return f"{base()}/qr/{code}.svg"


def display_join_url(code):
    """The join address as people read it off a screen: no scheme."""
    return join_url(code).split("://", 1)[-1]
