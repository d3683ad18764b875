"""QR codes as inline SVG: made on the server, no external service, no image file."""

import segno
from markupsafe import Markup


def qr_svg(text: str, scale: int = 8, *, fluid: bool = False) -> Markup:
    """``fluid``: no fixed width and height (a viewBox instead), so CSS can size it, e.g.
    to fill a projector screen."""
    code = segno.make(text, error="m")
    svg = code.svg_inline(scale=scale, dark="#111", light="#fff", omitsize=fluid)
    return Markup(svg)  # noqa: S704 - segno's own SVG of a text we made
