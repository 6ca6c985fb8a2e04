"""Absolute addresses for links and QR codes: PUBLIC_URL when set, else the address the
request came to (so a phone on the venue wi-fi gets an address it can reach)."""
from flask import current_app, request

from .admission import PASS_PARAMETER, join_pass


def base():
    return current_app.config["PUBLIC_URL"] or request.host_url.rstrip("/")


def join_url(code, key_hash):
    """The join link of the QR code, the console and the API, with the pass that gets
    it in even from a network that has guessed too often (admission.py)."""
    return f"{base()}/j/{code}?{PASS_PARAMETER}={join_pass(code, key_hash)}"


def presenter_url(code, key_hash):
    return f"{base()}/s/{code}?{PASS_PARAMETER}={join_pass(code, key_hash)}"


def console_url(code):
    return f"{base()}/f/{code}"


def facilitator_url(code, key):
    return f"{base()}/f/{code}/{key}"


def qr_url(code):
    return f"{base()}/qr/{code}.svg"


def display_join_url(code):
    """The join address as people read it off a screen and type it: no scheme, no pass."""
    return f"{base()}/j/{code}".split("://", 1)[-1]
