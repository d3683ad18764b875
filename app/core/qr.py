"""QR codes as inline SVG: made on the server, no external service, no image file."""

import segno
from markupsafe import Markup


def qr_svg(text: str, scale: int = 8) -> Markup:
    svg = segno.make(text, error="m").svg_inline(scale=scale, dark="#111", light="#fff")
    return Markup(svg)  # noqa: S704 - segno's own SVG of a text we made
