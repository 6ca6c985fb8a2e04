"""The stylesheets are served minified (workshop/assets.py): the phone, the console and the
projector look exactly as their source files would make them look. Each page is read
element by element (every computed property, ::before and ::after too) with the served
stylesheets, then with the source files as written in their place, in one go, so that
nothing the page is sent meanwhile comes between the two readings."""
import pytest
import requests
from playwright.sync_api import expect

from e2e_steps import CONNECTED, running
from workshop.config import PROJECT_ROOT

pytestmark = pytest.mark.browser

SOURCES = {f"/static/css/{path.name}": path.read_text()
           for path in (PROJECT_ROOT / "static" / "css").glob("*.css")}
# Beside each stylesheet, its source as written in a <style>, switched off; then the page is
# read with the one, then with the other (switching is immediate: nothing to load).
# A custom property keeps the spacing it was written with (min(a, b) or min(a,b)): what it
# means shows in the properties that use it, so its own text is compared without spaces.
READ_BOTH = """(sources) => {
  const links = [...document.querySelectorAll('link[rel=stylesheet]')];
  const written = links.map((link) => {
    const style = document.createElement('style');
    style.textContent = sources[new URL(link.href).pathname];
    link.after(style);
    return style;
  });
  const use = (source) => {
    links.forEach((link) => { link.sheet.disabled = source; });
    written.forEach((style) => { style.sheet.disabled = !source; });
  };
  const read = () => [...document.querySelectorAll('*')].map((element) =>
    [null, '::before', '::after'].map((pseudo) => {
      const style = getComputedStyle(element, pseudo);
      if (pseudo && style.content === 'none') return 'none';  // not drawn
      return Array.from(style, (name) => {
        const value = style.getPropertyValue(name);
        return `${name}: ${name.startsWith('--') ? value.replace(/\\s+/g, '') : value}`;
      }).join('; ');
    }).join(' | '));
  use(false);
  const served = read();
  use(true);
  const asWritten = read();
  use(false);
  return { links: links.length, served, asWritten };
}"""


def looks_as_written(page):
    both = page.evaluate(READ_BOTH, SOURCES)
    assert both["links"], "the page links its stylesheets"
    served, written = both["served"], both["asWritten"]
    assert len(served) == len(written)
    differing = [n for n, (a, b) in enumerate(zip(served, written)) if a != b]
    assert not differing, describe(page, differing[0], served, written)


def describe(page, n, served, written):
    """The nth element and the properties in which it differs."""
    def properties(text):
        return {f"{pseudo}{name}": value
                for pseudo, part in zip(("", "::before ", "::after "), text.split(" | "))
                for name, _, value in (p.partition(": ") for p in part.split("; "))}
    before, after = properties(served[n]), properties(written[n])
    element = page.evaluate("(n) => document.querySelectorAll('*')[n].outerHTML.slice(0, 200)", n)
    return element, {name: (before.get(name), after.get(name))
                     for name in sorted(set(before) | set(after))
                     if before.get(name) != after.get(name)}


def test_minified_stylesheets_style_every_screen_as_written(server, people):
    made = running(server.url, "healthcheck", {"prompt": "How healthy are we?"})
    requests.post(f"{server.url}/api/workshops/{made['code']}/control", timeout=10,
                  headers={"Authorization": f"Bearer {made['facilitator_key']}"},
                  json={"command": "reveal"}).raise_for_status()
    # Inline styles are refused by the pages' policy; these browsers let them in.
    phone = people.phone(bypass_csp=True)
    phone.goto(made["join_url"])
    phone.get_by_role("button", name="Join the workshop").click()
    expect(phone.locator(".prompt")).to_have_text("How healthy are we?")
    console = people.facilitator(bypass_csp=True)
    console.goto(made["facilitator_url"])
    presenter = people.presenter(bypass_csp=True, reduced_motion="reduce")
    presenter.goto(made["presenter_url"])
    for page, drawn in ((phone, ".health-element"), (console, ".health-row"),
                        (presenter, ".health-row")):
        page.wait_for_selector(CONNECTED)
        expect(page.locator(drawn).first).to_be_visible()
        looks_as_written(page)
