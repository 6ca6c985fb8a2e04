"""Build the picture in real browsers: two phones each make a picture, one by tapping studs
to place bricks, one by drawing with a finger and a mouse; each gives it a title and sends
it; the projector's gallery shows both; the facilitator puts one in the spotlight and steps
through them from the console. axe-core checks the phone's builder and the gallery."""
import re

import pytest
from playwright.sync_api import expect

from e2e_steps import (axe_problems, create_workshop, describe, join, no_script_errors,
                       open_presenter)

pytestmark = pytest.mark.browser

PROMPT = "Build what this partnership will have built in a year"
BRICKS_TITLE = "Everyone at one table"
BRICKS_MEANING = "Each partner brings a piece of what we know about the family"
DRAWING_TITLE = "A bridge between services"
DRAWING_MEANING = "Crossing from one service to the next without starting again"
UNIT = 1000 / 32  # the width of one stud in the pictures' SVG

# axe is injected into the page, so these contexts bypass its Content-Security-Policy; with
# reduced motion nothing is judged mid-transition.
SCANNABLE = {"bypass_csp": True, "reduced_motion": "reduce"}


def add_picture(console, prompt, mode="gallery"):
    """The console's "Add an activity" form, filled in for Build the picture."""
    form = console.locator("#activity-form")
    expect(form.locator("#activity-form-heading")).to_have_text("Add an activity")
    form.get_by_label("Type").select_option(label="Build the picture")
    form.get_by_label("What to build").fill(prompt)
    form.get_by_label("How people build").select_option(mode)
    form.get_by_role("button", name="Add to the agenda").click()
    expect(console.locator("#agenda .agenda-label", has_text=prompt)).to_have_count(1)


def choose(phone, name):
    """A colour, brick size or pen size: a radio button among the tools."""
    phone.get_by_role("radio", name=name, exact=True).click()
    expect(phone.get_by_role("radio", name=name, exact=True)).to_have_attribute(
        "aria-checked", "true")


def tap_stud(phone, x, y):
    phone.locator(f".board-holder circle.stud[data-x='{x}'][data-y='{y}']").click()


def draft_bricks(phone):
    return phone.locator(".board-holder rect.brick")


def draw_with_mouse(phone, path):
    """Press on the drawing, move through `path` (fractions of its size), let go."""
    box = phone.locator(".board-holder svg.picture").bounding_box()
    points = [(box["x"] + fx * box["width"], box["y"] + fy * box["height"]) for fx, fy in path]
    phone.mouse.move(*points[0])
    phone.mouse.down()
    for point in points[1:]:
        phone.mouse.move(*point)
    phone.mouse.up()


def draw_with_finger(phone, path):
    """A finger on the touch screen: touch down, move through `path`, lift."""
    box = phone.locator(".board-holder svg.picture").bounding_box()
    points = [{"x": box["x"] + fx * box["width"], "y": box["y"] + fy * box["height"]}
              for fx, fy in path]
    touch = phone.context.new_cdp_session(phone)
    touch.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [points[0]]})
    for point in points[1:]:
        touch.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [point]})
    touch.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    touch.detach()


def send_picture(phone, title, meaning):
    phone.get_by_label("Title", exact=True).fill(title)
    phone.get_by_label("What it means").fill(meaning)
    phone.get_by_role("button", name="Send my picture").click()
    expect(phone.locator(".picture-editor .hint")).to_have_text(f"On the wall now: “{title}”.")
    expect(phone.get_by_role("button", name="Send my changes")).to_be_visible()


def sizes(bricks):
    """(width, height) in studs of each brick drawn."""
    found = []
    for index in range(bricks.count()):
        brick = bricks.nth(index)
        found.append((round((float(brick.get_attribute("width")) + 2) / UNIT),
                      round((float(brick.get_attribute("height")) + 2) / UNIT)))
    return found


def gallery_item(screen, title):
    return screen.locator("#stage .gallery li", has_text=title)


def spotlight(screen):
    return screen.locator("#stage .spotlight")


def test_two_phones_build_and_draw_and_the_facilitator_spotlights_a_picture(server,
                                                                           people):
    console = people.facilitator()
    made = create_workshop(console, server.url, "Pictures of the partnership",
                           ["City Council", "Police"])
    add_picture(console, PROMPT)

    screen = people.presenter(**SCANNABLE)
    open_presenter(screen, made["presenter_url"])
    builder, drawer = people.phone(**SCANNABLE), people.phone(**SCANNABLE)
    join(builder, made["join_url"], organisation="City Council")
    join(drawer, made["join_url"], organisation="Police")
    expect(screen.locator("#join-slide [data-joined]")).to_have_text("2")

    console.get_by_role("button", name="Start", exact=True).click()
    expect(screen.locator("#stage .prompt")).to_have_text(PROMPT)
    for phone in (builder, drawer):
        expect(phone.locator(".prompt")).to_have_text(PROMPT)
        expect(phone.get_by_role("button", name="Bricks")).to_have_attribute(
            "aria-pressed", "true")

    # ----- one phone builds with bricks, tapping studs
    # Placing by column and row, for a keyboard, is offered for bricks and not for drawing.
    typed_place = builder.get_by_text("Place a brick by column and row")
    expect(typed_place).to_be_visible()
    builder.get_by_role("button", name="Draw").click()
    expect(typed_place).to_be_hidden()
    builder.get_by_role("button", name="Bricks").click()
    expect(typed_place).to_be_visible()
    choose(builder, "red")
    choose(builder, "2×2")
    tap_stud(builder, 2, 2)
    choose(builder, "blue")
    choose(builder, "1×4")
    builder.get_by_role("button", name="Turn the brick").click()
    expect(builder.get_by_role("radio", name="4×1")).to_have_attribute("aria-checked", "true")
    tap_stud(builder, 6, 3)
    choose(builder, "yellow")
    choose(builder, "1×1")
    tap_stud(builder, 12, 8)
    expect(draft_bricks(builder)).to_have_count(3)
    builder.get_by_role("button", name="Undo").click()
    expect(draft_bricks(builder)).to_have_count(2)
    choose(builder, "2×2")
    tap_stud(builder, 5, 2)  # a free stud, but the brick would cover part of the blue one
    expect(builder.locator(".activity-state")).to_have_text(
        "Bricks cannot overlap. Try another spot.")
    expect(draft_bricks(builder)).to_have_count(2)
    draft_bricks(builder).first.click()  # tapping a brick takes it away
    expect(draft_bricks(builder)).to_have_count(1)
    expect(builder.locator(".activity-state")).to_have_text(
        "1 brick placed. Tap a brick to take it away.")
    builder.get_by_role("button", name="Undo").click()
    expect(draft_bricks(builder)).to_have_count(2)
    choose(builder, "1×1")
    tap_stud(builder, 20, 5)
    expect(draft_bricks(builder)).to_have_count(3)
    expect(builder.locator(".activity-state")).to_have_text(
        "3 bricks placed. Tap a brick to take it away.")
    assert sizes(draft_bricks(builder)) == [(2, 2), (4, 1), (1, 1)]

    problems = axe_problems(builder)
    assert not problems, f"axe-core found on the phone's builder:\n{describe(problems)}"
    send_picture(builder, BRICKS_TITLE, BRICKS_MEANING)

    # ----- the other phone draws: a line with the mouse and one with a finger
    drawer.get_by_role("button", name="Draw").click()
    expect(drawer.get_by_role("button", name="Draw")).to_have_attribute("aria-pressed", "true")
    expect(drawer.locator(".board-holder circle.stud")).to_have_count(0)
    choose(drawer, "Thick")
    choose(drawer, "blue")
    draw_with_mouse(drawer, [(0.1, 0.8), (0.2, 0.5), (0.3, 0.3), (0.5, 0.2), (0.7, 0.3),
                             (0.8, 0.5), (0.9, 0.8)])
    lines = drawer.locator(".board-holder svg.picture polyline")
    expect(lines).to_have_count(1)
    choose(drawer, "green")
    draw_with_finger(drawer, [(0.1, 0.9), (0.4, 0.85), (0.6, 0.95), (0.9, 0.9)])
    expect(lines).to_have_count(2)
    for index in range(2):  # each a line, not a lone dot where the finger went down
        assert len(lines.nth(index).get_attribute("points").split()) >= 3

    problems = axe_problems(drawer)
    assert not problems, f"axe-core found on the phone's drawing screen:\n{describe(problems)}"
    send_picture(drawer, DRAWING_TITLE, DRAWING_MEANING)

    # ----- the projector's gallery shows both pictures with their titles
    expect(screen.locator("#stage .gallery li figcaption")).to_have_text(
        [BRICKS_TITLE, DRAWING_TITLE])
    expect(screen.locator("#stage .tally")).to_have_text("2 pictures")
    built = gallery_item(screen, BRICKS_TITLE).locator("rect.brick")
    expect(built).to_have_count(3)
    assert [built.nth(i).get_attribute("fill") for i in range(3)] == \
        ["#c4281c", "#0d69ab", "#f5cd2f"]
    assert sizes(built) == [(2, 2), (4, 1), (1, 1)]
    drawn = gallery_item(screen, DRAWING_TITLE).locator("polyline")
    expect(drawn).to_have_count(2)
    assert [drawn.nth(i).get_attribute("stroke") for i in range(2)] == ["#0d69ab", "#287f46"]
    assert [drawn.nth(i).get_attribute("stroke-width") for i in range(2)] == ["24", "24"]
    expect(gallery_item(screen, DRAWING_TITLE).get_by_role("img")).to_have_accessible_name(
        DRAWING_TITLE)

    problems = axe_problems(screen)
    assert not problems, f"axe-core found on the presenter's gallery:\n{describe(problems)}"

    # ----- the console: spotlight one picture, step through, back to the wall
    shown = console.locator(".console-gallery li")
    expect(shown).to_have_count(2)
    drawing_item = shown.filter(has_text=DRAWING_TITLE)
    expect(drawing_item.locator(".who")).to_have_text(re.compile(r"^participant \d+ · Police$"))
    drawing_item.get_by_role("button", name=re.compile(r"^Spotlight")).click()
    expect(spotlight(screen).locator(".spot-title")).to_have_text(DRAWING_TITLE)
    expect(spotlight(screen).locator(".spot-meaning")).to_have_text(DRAWING_MEANING)
    expect(spotlight(screen).locator("polyline")).to_have_count(2)
    expect(screen.locator("#stage .gallery")).to_have_count(0)
    expect(drawing_item).to_have_class(re.compile(r"\bis-spotlit\b"))

    console.get_by_role("button", name="Next picture").click()  # wraps round to the first
    expect(spotlight(screen).locator(".spot-title")).to_have_text(BRICKS_TITLE)
    expect(spotlight(screen).locator(".spot-meaning")).to_have_text(BRICKS_MEANING)

    console.get_by_role("button", name="Back to the wall").click()
    expect(spotlight(screen)).to_have_count(0)
    expect(screen.locator("#stage .gallery li")).to_have_count(2)
    expect(console.get_by_role("button", name="Back to the wall")).to_be_disabled()

    # From the wall, "Previous picture" starts from the last picture, "Next" from the first.
    console.get_by_role("button", name="Previous picture").click()
    expect(spotlight(screen).locator(".spot-title")).to_have_text(DRAWING_TITLE)
    console.get_by_role("button", name="Back to the wall").click()
    expect(spotlight(screen)).to_have_count(0)
    console.get_by_role("button", name="Next picture").click()
    expect(spotlight(screen).locator(".spot-title")).to_have_text(BRICKS_TITLE)

    # Hiding the picture in the spotlight takes it off the projector altogether.
    shown.filter(has_text=BRICKS_TITLE).get_by_role("button", name=re.compile(r"^Hide")).click()
    expect(spotlight(screen)).to_have_count(0)
    expect(screen.locator("#stage .gallery li figcaption")).to_have_text([DRAWING_TITLE])
    expect(builder.locator(".activity-state")).to_have_text(
        "The facilitator has taken your picture off the wall.")

    no_script_errors(console, screen, builder, drawer)
