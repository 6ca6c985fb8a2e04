"""The console's Previous and Next are safe to repeat: a second press before the console
has redrawn (a double click, or a press repeated because the answer was slow) moves the
workshop one step, not two."""
import pytest
import requests
from playwright.sync_api import expect

from e2e_steps import CONNECTED, no_script_errors, running

pytestmark = pytest.mark.browser


def current_step(base, made):
    answer = requests.get(f"{base}/api/workshops/{made['code']}", timeout=10,
                          headers={"Authorization": f"Bearer {made['facilitator_key']}"})
    answer.raise_for_status()
    return answer.json()["workshop"]["current"]


def press_twice(console, control):
    """Two presses in one go: the second is sent before the first is answered."""
    console.evaluate("""(control) => {
        const button = document.querySelector(`[data-control=${control}]`);
        button.click();
        button.click();
    }""", control)


def test_next_and_previous_pressed_twice_move_one_step(server, people):
    base = server.url
    made = running(base, "question", {"prompt": "First?"})
    for prompt in ("Second?", "Third?"):
        requests.post(f"{base}/api/workshops/{made['code']}/activities", timeout=10,
                      headers={"Authorization": f"Bearer {made['facilitator_key']}"},
                      json={"type": "question", "config": {"prompt": prompt}}
                      ).raise_for_status()
    console = people.facilitator()
    console.goto(made["facilitator_url"])
    console.wait_for_selector(CONNECTED)
    step = console.locator("#step")
    expect(step).to_have_text("Step 1 of 3: First?")

    press_twice(console, "next")
    expect(step).to_have_text("Step 2 of 3: Second?")
    # A command sent after the two presses is answered after both of them.
    console.get_by_role("button", name="Close submissions").click()
    expect(console.get_by_role("button", name="Open submissions")).to_be_visible()
    assert current_step(base, made) == 1
    expect(step).to_have_text("Step 2 of 3: Second?")

    press_twice(console, "previous")
    expect(step).to_have_text("Step 1 of 3: First?")
    console.get_by_role("button", name="Close submissions").click()
    expect(console.get_by_role("button", name="Open submissions")).to_be_visible()
    assert current_step(base, made) == 0
    no_script_errors(console)
