"""Drawings as plain data, so that each is drawn once, for the screens and the report.

A drawing is an element tree: `[tag, {attribute: value}, *children]`, where a child is
another such list or a string of text. The activity that owns a drawing (the journey
map's feelings curve) builds the tree from its numbers, in one function. `markup` turns
it into SVG for the report; a view carries the tree itself, and the browser builds it
with createElementNS (`drawing` in static/js/core/dom.js), text always as text nodes.

Why a tree and not SVG markup in the view: the browser would have to parse markup, and
text a person typed (a stage's name) would reach the page as markup. Why not draw in
the browser only: the report is made here, a file with no scripts.

Pictures (activities/picture.py) are not drawn this way: a phone draws its own picture
while offline, and on the shared baseplate every tap changes the picture for every
phone, so pictures travel as their bricks and strokes and are drawn where they are
shown; a browser test holds the screens' drawing and the files' to the same shapes.
"""
from xml.sax.saxutils import escape

SVG_NAMESPACE = "http://www.w3.org/2000/svg"


def element(tag, attributes=None, *children):
    """One node of a drawing; children that are None are left out."""
    return [tag, attributes or {}, *(child for child in children if child is not None)]


def markup(tree):
    """The drawing as SVG markup, to put in an HTML page or an .svg file: text and
    attribute values escaped, the SVG namespace on the outermost element."""
    return _markup(tree, outermost=True)


def _markup(node, outermost=False):
    if isinstance(node, str):
        return escape(node)
    tag, attributes, *children = node
    if outermost:
        attributes = {"xmlns": SVG_NAMESPACE, **attributes}
    opening = tag + "".join(f' {name}="{escape(str(value), {chr(34): "&quot;"})}"'
                            for name, value in attributes.items())
    if not children:
        return f"<{opening}/>"
    return f"<{opening}>{''.join(_markup(child) for child in children)}</{tag}>"
