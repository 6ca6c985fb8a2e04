"""A picture looks the same on the screens as in the files a partnership keeps.

Pictures travel as their bricks and strokes and are drawn in two places: in the browser
(static/js/activities/picture/draw.js), because a phone draws its own picture while
offline and the shared baseplate changes with every tap; and on the server
(activities/picture.py), for the spreadsheets ZIP and the report. Here the console's wall
and the projector's shared baseplate, drawn by the browser, are compared shape by shape
with the SVG files downloaded from the same workshop."""
import io
import re
import zipfile
from xml.etree import ElementTree

import pytest
from playwright.sync_api import expect

from e2e_steps import CONNECTED, Facilitator, Phone, no_script_errors

pytestmark = pytest.mark.browser

SHAPES = ("rect", "circle", "polyline")
BRICKS = [[0, 0, 2, 2, 0], [4, 4, 1, 4, 1], [10, 2, 4, 1, 3], [31, 19, 1, 1, 7]]
STROKES = [{"colour": 1, "width": 10, "points": [10, 10, 200, 300, 420, 90]},
           {"colour": 5, "width": 24, "points": [600, 400]}]  # a dot
SHARED = [[3, 3, 2, 2, 2], [8, 1, 1, 2, 4], [20, 10, 4, 1, 6]]

# What the browser finds of each shape: its attributes but for the hooks the page uses
# (class and data-*), which the files have no need of.
DRAWN = """(svg) => [...svg.querySelectorAll("rect, circle, polyline")].map((shape) =>
  [shape.tagName, Object.fromEntries([...shape.attributes]
    .filter((a) => a.name !== "class" && !a.name.startsWith("data-"))
    .map((a) => [a.name, a.value]))])"""


def number_or_text(value):
    """Numbers compared to a tenth (the files keep one decimal place); points as a list."""
    numbers = re.split(r"[\s,]+", value.strip())
    try:
        return tuple(round(float(n), 1) for n in numbers)
    except ValueError:
        return value


def same_shapes(drawn):
    return [(tag, {name: number_or_text(value) for name, value in attributes.items()})
            for tag, attributes in drawn]


def filed(svg):
    """The shapes of a downloaded SVG file, as the browser's are read."""
    return same_shapes([(element.tag.rsplit("}", 1)[-1], element.attrib)
                        for element in ElementTree.fromstring(svg).iter()
                        if element.tag.rsplit("}", 1)[-1] in SHAPES])


def on_screen(locator):
    return same_shapes(locator.evaluate(DRAWN))


def pictures_in_the_zip(facilitator):
    download = facilitator.api("get", "/export", params={"format": "csv"})
    with zipfile.ZipFile(io.BytesIO(download.content)) as archive:
        return {name.rsplit("/", 1)[-1]: archive.read(name)
                for name in archive.namelist() if name.endswith(".svg")}


def test_the_screens_draw_each_picture_as_the_downloaded_files_do(server, people):
    base = server.url
    facilitator = Facilitator(base)
    gallery = facilitator.add("picture", prompt="What we will have built")
    together = facilitator.add("picture", prompt="One baseplate", mode="together")
    phones = [Phone(base, facilitator.code, "", "Council") for _ in range(2)]
    console = people.facilitator()
    console.goto(f"{base}/f/{facilitator.code}/{facilitator.key}")
    console.wait_for_selector(CONNECTED)
    screen = people.presenter()
    screen.goto(f"{base}/s/{facilitator.code}")
    screen.wait_for_selector(CONNECTED)
    try:
        facilitator.control("start")
        phones[0].act(gallery, "submit", kind="bricks", title="A bridge", bricks=BRICKS)
        phones[1].act(gallery, "submit", kind="drawing", title="Paths", strokes=STROKES)
        wall = console.locator(".console-gallery li")
        expect(wall).to_have_count(2)
        files = pictures_in_the_zip(facilitator)
        for number, title in ((1, "A bridge"), (2, "Paths")):
            drawn = on_screen(wall.filter(has_text=title).locator("svg.picture"))
            assert drawn == filed(files[f"picture-{number}.svg"]), title
        assert len(on_screen(wall.filter(has_text="A bridge").locator("svg.picture"))) == \
            1 + sum(1 + w * h for _x, _y, w, h, _colour in BRICKS)  # baseplate, bricks, studs

        facilitator.control("next")
        for index, brick in enumerate(SHARED):
            phones[index % 2].act(together, "place", brick=brick)
        facilitator.control("reveal")
        board = screen.locator(".shared-board svg.picture")
        expect(board).to_have_attribute("aria-label", "The shared baseplate")
        expect(board.locator("rect")).to_have_count(1 + len(SHARED))
        assert on_screen(board) == filed(pictures_in_the_zip(facilitator)["shared-baseplate.svg"])
        no_script_errors(console, screen)
    finally:
        for phone in phones:
            phone.sio.disconnect()
