"""The phone lets a person type as much as the server takes, and no more.

The limits are declared once, with each action's fields on the server, and the pages
carry them to the inputs; a limit typed again in the browser had drifted (a proposal
stopped at 200 characters where the server takes 280)."""
import pytest
import requests
from playwright.sync_api import expect

from e2e_steps import MINE_IN, join, no_script_errors, running

pytestmark = pytest.mark.browser


def limits(base):
    return requests.get(f"{base}/api/types", timeout=10).json()["limits"]


def test_a_proposal_as_long_as_the_server_takes_is_typed_and_proposed_whole(server, people):
    longest = limits(server.url)["dotvote"]["propose"]["text"]
    made = running(server.url, "dotvote", {
        "prompt": "What should we vote on?", "propose_first": True})
    phone = people.phone()
    join(phone, made["join_url"])
    words = ("Agree one consent form that every partner accepts " * 10)[:longest - 1] + "."
    field = phone.get_by_label("Your proposal")
    field.fill(words + " and more")  # the field stops where the server would refuse
    expect(field).to_have_value(words)
    phone.get_by_role("button", name="Propose").click()
    expect(phone.locator(f"{MINE_IN} .answer-text")).to_have_text([words])
    no_script_errors(phone)


def test_the_phone_counts_characters_up_to_the_servers_limit(server, people):
    longest = limits(server.url)["question"]["answer"]["text"]
    made = running(server.url, "question", {"prompt": "What gets in the way?"})
    phone = people.phone()
    join(phone, made["join_url"])
    phone.get_by_label("Your answer").fill("Consent")
    expect(phone.locator("#answer-count")).to_have_text(f"7 of {longest} characters")
    no_script_errors(phone)
