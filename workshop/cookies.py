"""The cookies: a participant's token, the facilitator's key and the join link's pass
(admission.py), one of each per workshop so that a phone can be in two workshops.
HttpOnly: page scripts never see them."""
from flask import current_app, request


def participant_cookie(code):
    return f"rt_p_{code}"


def facilitator_cookie(code):
    return f"rt_f_{code}"


def pass_cookie(code):
    return f"rt_j_{code}"


def set_cookie(response, name, value):
    response.set_cookie(
        name, value,
        max_age=current_app.config["COOKIE_DAYS"] * 24 * 3600,
        httponly=True,
        samesite="Lax",
        secure=current_app.config["COOKIE_SECURE"] or request.is_secure,
        path="/",
    )
    return response
