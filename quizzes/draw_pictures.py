"""Draw the pictures of the grade 1–4 quizzes: python quizzes/draw_pictures.py (from the repo root).

Simple flat illustrations from shapes and a small palette, with no text inside, so one
picture serves kk, ru and en alike. Each is drawn at twice its size and scaled down (smooth
edges), then reduced to a small palette, so a file stays a few kilobytes. Nothing is random:
running it again writes the same files. Nothing is downloaded: every picture is drawn here.
"""

import math
from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).parent / "media"
W, H = 480, 320  # the size of every picture (3:2, fits a phone and a projector)
S = 2  # drawn at S times the size, then scaled down

SKY = "#dff1fb"
WALL = "#fdf3e1"
FLOOR = "#e9d3b0"
GRASS = "#a8d672"
INK = "#3b3b4f"
WHITE = "#ffffff"
SKIN = "#f6c9a0"
SKIN2 = "#d9a074"
HAIR = "#4a3426"
HAIR2 = "#1f1f2e"
RED = "#e8554e"
ORANGE = "#f59a3b"
YELLOW = "#f7cf46"
GREEN = "#4caf6a"
TEAL = "#2fa4a0"
BLUE = "#3f7fd1"
NAVY = "#2d4a86"
PURPLE = "#8a63c9"
PINK = "#f08db5"
BROWN = "#9a6a3c"
GREY = "#a7adba"
GOLD = "#e9b52f"
SILVER = "#c9ced8"


class Canvas:
    """A picture drawn in W×H coordinates (scaled by S underneath)."""

    def __init__(self, background=WALL):
        self.image = Image.new("RGB", (W * S, H * S), background)
        self.draw = ImageDraw.Draw(self.image)

    @staticmethod
    def _box(box):
        return [round(v * S) for v in box]

    def rect(self, box, fill, outline=None, width=0, radius=0):
        self.draw.rounded_rectangle(
            self._box(box), radius=radius * S, fill=fill, outline=outline, width=width * S
        )

    def ellipse(self, box, fill, outline=None, width=0):
        self.draw.ellipse(self._box(box), fill=fill, outline=outline, width=width * S)

    def circle(self, x, y, r, fill, outline=None, width=0):
        self.ellipse((x - r, y - r, x + r, y + r), fill, outline, width)

    def poly(self, points, fill, outline=None, width=0):
        self.draw.polygon([(x * S, y * S) for x, y in points], fill=fill)
        if outline:
            self.line([*points, points[0]], outline, width)

    def line(self, points, fill, width=3):
        self.draw.line(
            [(x * S, y * S) for x, y in points], fill=fill, width=width * S, joint="curve"
        )
        for x, y in (points[0], points[-1]):  # round caps
            r = width / 2
            self.circle(x, y, r, fill)

    def arc(self, box, start, end, fill, width=3):
        self.draw.arc(self._box(box), start, end, fill=fill, width=width * S)

    def pie(self, box, start, end, fill):
        self.draw.pieslice(self._box(box), start, end, fill=fill)

    def save(self, name):
        small = self.image.resize((W, H), Image.LANCZOS)
        small = small.quantize(colors=48, method=Image.MEDIANCUT, dither=Image.NONE)
        small.save(OUT / f"{name}.png", optimize=True)


# ---- people and things used in many pictures ------------------------------------------


def person(
    c,
    x,
    ground,
    height=150,
    shirt=BLUE,
    legs=NAVY,
    skin=SKIN,
    hair=HAIR,
    style="short",
    arms="down",
    skirt=False,
    smile=True,
    face="front",
):
    """A friendly figure standing on ``ground`` with its middle at ``x``; returns hand points.

    arms: down | up (right arm raised) | out (both forward) | give (right arm forward) |
    stop (right palm up) | eyes (both hands over the eyes) | hips."""
    u = height / 150  # everything in proportion to the height
    head_r = 22 * u
    head_y = ground - height + head_r
    body_top = head_y + head_r + 2 * u
    body_bottom = ground - 50 * u
    bw = 26 * u  # half the body width
    # legs
    for dx in (-11 * u, 11 * u):
        c.rect((x + dx - 7 * u, body_bottom - 4 * u, x + dx + 7 * u, ground - 4 * u), legs)
        c.ellipse((x + dx - 10 * u, ground - 9 * u, x + dx + 10 * u, ground + 1 * u), INK)
    # body
    if skirt:
        c.poly(
            [
                (x - bw + 4 * u, body_top + 6 * u),
                (x + bw - 4 * u, body_top + 6 * u),
                (x + bw + 10 * u, body_bottom + 4 * u),
                (x - bw - 10 * u, body_bottom + 4 * u),
            ],
            shirt,
        )
        c.rect((x - bw + 4 * u, body_top, x + bw - 4 * u, body_top + 30 * u), shirt, radius=10 * u)
    else:
        c.rect((x - bw, body_top, x + bw, body_bottom + 2 * u), shirt, radius=12 * u)
    # arms
    sh_y = body_top + 12 * u
    left, right = (x - bw + 4 * u, sh_y), (x + bw - 4 * u, sh_y)
    aw = max(3, round(9 * u))
    hands = {}
    poses = {
        "down": ((x - bw - 8 * u, sh_y + 44 * u), (x + bw + 8 * u, sh_y + 44 * u)),
        "up": ((x - bw - 8 * u, sh_y + 44 * u), (x + bw + 16 * u, sh_y - 56 * u)),
        "out": ((x - bw - 34 * u, sh_y + 16 * u), (x + bw + 34 * u, sh_y + 16 * u)),
        "give": ((x - bw - 8 * u, sh_y + 44 * u), (x + bw + 42 * u, sh_y + 8 * u)),
        "take": ((x - bw - 42 * u, sh_y + 8 * u), (x + bw + 8 * u, sh_y + 44 * u)),
        "stop": ((x - bw - 8 * u, sh_y + 44 * u), (x + bw + 30 * u, sh_y - 30 * u)),
        "eyes": ((x - 9 * u, head_y + 2 * u), (x + 9 * u, head_y + 2 * u)),
        "hips": ((x - bw - 14 * u, sh_y + 26 * u), (x + bw + 14 * u, sh_y + 26 * u)),
        "lips": ((x - bw - 8 * u, sh_y + 44 * u), (x + 2 * u, head_y + 12 * u)),
    }
    lh, rh = poses[arms]
    if arms == "hips":
        c.line([left, lh, (x - bw + 2 * u, sh_y + 36 * u)], shirt, aw)
        c.line([right, rh, (x + bw - 2 * u, sh_y + 36 * u)], shirt, aw)
    else:
        c.line([left, lh], shirt, aw)
        c.line([right, rh], shirt, aw)
    # head
    if style == "long":
        c.rect(
            (x - head_r - 3 * u, head_y - 6 * u, x + head_r + 3 * u, head_y + head_r + 14 * u),
            hair,
            radius=12 * u,
        )
    c.circle(x, head_y, head_r, skin)
    if face == "front" and arms != "eyes":
        for dx in (-8 * u, 8 * u):
            c.circle(x + dx, head_y - 1 * u, 2.6 * u, INK)
        if smile and arms != "lips":
            c.arc(
                (x - 9 * u, head_y - 4 * u, x + 9 * u, head_y + 11 * u),
                20,
                160,
                INK,
                max(1, round(2 * u)),
            )
        elif arms != "lips":
            c.line(
                [(x - 6 * u, head_y + 9 * u), (x + 6 * u, head_y + 9 * u)],
                INK,
                max(1, round(2 * u)),
            )
        c.circle(x - 13 * u, head_y + 7 * u, 3.5 * u, PINK)
        c.circle(x + 13 * u, head_y + 7 * u, 3.5 * u, PINK)
    # hair on top
    if style in ("short", "long", "bun"):
        c.pie(
            (
                x - head_r - 1 * u,
                head_y - head_r - 2 * u,
                x + head_r + 1 * u,
                head_y + head_r - 6 * u,
            ),
            180,
            360,
            hair,
        )
        if style == "bun":
            c.circle(x, head_y - head_r - 4 * u, 9 * u, hair)
    elif style == "cap":  # a kalpak-like felt hat
        c.poly(
            [
                (x - head_r - 3 * u, head_y - 8 * u),
                (x + head_r + 3 * u, head_y - 8 * u),
                (x + 6 * u, head_y - head_r - 26 * u),
                (x - 6 * u, head_y - head_r - 26 * u),
            ],
            WHITE,
        )
        c.rect(
            (x - head_r - 4 * u, head_y - 12 * u, x + head_r + 4 * u, head_y - 5 * u),
            INK,
            radius=3 * u,
        )
    elif style == "bald":
        pass
    # hands
    for hx, hy in (lh, rh):
        c.circle(hx, hy, 6 * u, skin)
    if arms == "lips":  # a finger over the lips: "shh"
        c.rect((x - 3 * u, head_y + 2 * u, x + 3 * u, head_y + 20 * u), SKIN2, radius=3 * u)
    hands["left"], hands["right"] = lh, rh
    hands["head"] = (x, head_y, head_r)
    return hands


def beard(c, head, color=GREY):
    x, y, r = head
    c.pie((x - r + 2, y - 2, x + r - 2, y + r + 16), 0, 180, color)
    c.circle(x - 7, y - 3, 2.4, INK)
    c.circle(x + 7, y - 3, 2.4, INK)


def pencil(c, x, y, length, angle_down=False, color=YELLOW):
    """A horizontal pencil from (x, y) rightwards, point on the right."""
    c.rect((x, y - 6, x + length - 18, y + 6), color)
    c.rect((x - 6, y - 6, x + 4, y + 6), PINK, radius=2)
    c.poly([(x + length - 18, y - 6), (x + length, y), (x + length - 18, y + 6)], "#f3dcb5")
    c.poly([(x + length - 6, y - 2), (x + length, y), (x + length - 6, y + 2)], INK)


def book(c, x, y, w, h, cover=RED, open_=False):
    if open_:
        c.poly(
            [(x, y + 8), (x + w / 2, y + 16), (x + w / 2, y + h + 10), (x, y + h)], WHITE, INK, 2
        )
        c.poly(
            [(x + w, y + 8), (x + w / 2, y + 16), (x + w / 2, y + h + 10), (x + w, y + h)],
            WHITE,
            INK,
            2,
        )
        for i in range(4):
            yy = y + 34 + i * 18
            c.line([(x + 14, yy), (x + w / 2 - 12, yy + 6)], GREY, 3)
            c.line([(x + w / 2 + 12, yy + 6), (x + w - 14, yy)], GREY, 3)
    else:
        c.rect((x, y, x + w, y + h), cover, radius=6)
        c.rect((x + w - 12, y + 6, x + w - 4, y + h - 6), WHITE, radius=2)
        c.rect((x + 16, y + 18, x + w - 28, y + 34), WHITE, radius=4)


def coin(c, x, y, r=18, color=GOLD):
    c.circle(x, y, r, color)
    c.circle(x, y, r * 0.68, None, "#c4921c" if color == GOLD else GREY, 2)


def banknote(c, x, y, w=110, h=56, color="#8fd0a0"):
    c.rect((x, y, x + w, y + h), color, radius=6)
    c.rect((x + 6, y + 6, x + w - 6, y + h - 6), None, "#5ea874", 2, radius=4)
    c.circle(x + w / 2, y + h / 2, h / 4, "#5ea874")


def ball(c, x, y, r=30):
    c.circle(x, y, r, WHITE, INK, 2)
    pts = [
        (x, y - r * 0.42),
        (x + r * 0.4, y - r * 0.12),
        (x + r * 0.25, y + r * 0.34),
        (x - r * 0.25, y + r * 0.34),
        (x - r * 0.4, y - r * 0.12),
    ]
    c.poly(pts, INK)
    for px, py in pts:
        c.line([(px, py), (x + (px - x) * 2.2, y + (py - y) * 2.2)], INK, 2)
    c.circle(x, y, r, None, INK, 3)


def envelope(c, x, y, w=140, h=90, color=WHITE):
    c.rect((x, y, x + w, y + h), color, INK, 2, radius=4)
    c.line([(x + 3, y + 3), (x + w / 2, y + h * 0.55), (x + w - 3, y + 3)], INK, 2)
    c.line([(x + 3, y + h - 3), (x + w * 0.38, y + h * 0.45)], GREY, 2)
    c.line([(x + w - 3, y + h - 3), (x + w * 0.62, y + h * 0.45)], GREY, 2)


def flower(c, x, y, r, petal):
    for dx, dy in ((0, -1), (0.95, -0.31), (0.59, 0.81), (-0.59, 0.81), (-0.95, -0.31)):
        c.circle(x + dx * r, y + dy * r, r * 0.75, petal)
    c.circle(x, y, r * 0.6, YELLOW)


def bouquet(c, x, y, scale=1.0):
    s = scale
    for fx, fy in ((-30, -10), (0, -34), (30, -10), (-14, 12), (16, 12)):
        c.line([(x + fx * s, y + fy * s), (x, y + 90 * s)], GREEN, max(2, round(4 * s)))
    for (fx, fy), col in zip(
        ((-30, -10), (0, -34), (30, -10), (-14, 12), (16, 12)),
        (RED, PINK, ORANGE, PURPLE, RED),
        strict=True,
    ):
        flower(c, x + fx * s, y + fy * s, 12 * s, col)
    c.poly(
        [
            (x - 26 * s, y + 50 * s),
            (x + 26 * s, y + 50 * s),
            (x + 8 * s, y + 100 * s),
            (x - 8 * s, y + 100 * s),
        ],
        "#bfe3f5",
    )
    c.rect((x - 14 * s, y + 66 * s, x + 14 * s, y + 74 * s), PINK, radius=3)


def heart(c, x, y, r, color=RED):
    c.circle(x - r * 0.5, y, r * 0.55, color)
    c.circle(x + r * 0.5, y, r * 0.55, color)
    c.poly([(x - r * 1.02, y + r * 0.15), (x + r * 1.02, y + r * 0.15), (x, y + r * 1.2)], color)


def star(c, x, y, r, color=GOLD):
    pts = []
    for i in range(10):
        rr = r if i % 2 == 0 else r * 0.45
        a = math.pi / 2 + i * math.pi / 5
        pts.append((x + rr * math.cos(a), y - rr * math.sin(a)))
    c.poly(pts, color)


def gift_box(c, x, y, w=110, h=90, color=PURPLE, ribbon=YELLOW):
    c.rect((x, y + 22, x + w, y + h), color, radius=4)
    c.rect((x - 6, y + 6, x + w + 6, y + 28), color, radius=4)
    c.rect((x + w / 2 - 8, y + 6, x + w / 2 + 8, y + h), ribbon)
    c.ellipse((x + w / 2 - 34, y - 14, x + w / 2 - 2, y + 10), ribbon)
    c.ellipse((x + w / 2 + 2, y - 14, x + w / 2 + 34, y + 10), ribbon)
    c.circle(x + w / 2, y + 4, 8, ribbon)


def blackboard(c, x, y, w, h):
    c.rect((x - 8, y - 8, x + w + 8, y + h + 8), BROWN, radius=6)
    c.rect((x, y, x + w, y + h), "#2f6b4f")
    c.line([(x + 20, y + 30), (x + 70, y + 30)], WHITE, 3)
    c.line([(x + 20, y + 55), (x + 110, y + 55)], WHITE, 3)
    c.circle(x + w - 50, y + 45, 18, None, WHITE, 3)
    c.line([(x + w - 80, y + h - 25), (x + w - 20, y + h - 25)], WHITE, 3)


def desk(c, x, y, w):
    c.rect((x, y, x + w, y + 14), BROWN, radius=3)
    c.rect((x + 10, y + 14, x + 22, y + 80), "#7b522c")
    c.rect((x + w - 22, y + 14, x + w - 10, y + 80), "#7b522c")


def notebook(c, x, y, w=120, h=80, cover=BLUE, lines=True):
    c.rect((x, y, x + w, y + h), WHITE, INK, 2, radius=4)
    c.line([(x + w / 2, y + 2), (x + w / 2, y + h - 2)], GREY, 2)
    if lines:
        for i in range(3):
            yy = y + 20 + i * 18
            c.line([(x + 10, yy), (x + w / 2 - 10, yy)], BLUE, 2)
            c.line([(x + w / 2 + 10, yy), (x + w - 10 - (i % 2) * 16, yy)], BLUE, 2)
    c.rect((x - 4, y - 4, x + w + 4, y + 2), cover, radius=2)


def tree(c, x, ground, h=160):
    c.rect((x - 12, ground - h * 0.5, x + 12, ground), BROWN, radius=4)
    c.circle(x, ground - h * 0.62, h * 0.3, GREEN)
    c.circle(x - h * 0.2, ground - h * 0.5, h * 0.22, GREEN)
    c.circle(x + h * 0.2, ground - h * 0.5, h * 0.22, GREEN)
    c.circle(x, ground - h * 0.82, h * 0.2, "#5dbb7a")


def floor(c, y=260, color=FLOOR):
    c.rect((0, y, W, H), color)


def outdoors(c, ground=250):
    c.rect((0, 0, W, ground), SKY)
    c.rect((0, ground, W, H), GRASS)
    c.circle(420, 50, 26, YELLOW)


def sparkle(c, x, y, r=8, color=GOLD):
    c.poly(
        [
            (x, y - r),
            (x + r * 0.3, y - r * 0.3),
            (x + r, y),
            (x + r * 0.3, y + r * 0.3),
            (x, y + r),
            (x - r * 0.3, y + r * 0.3),
            (x - r, y),
            (x - r * 0.3, y - r * 0.3),
        ],
        color,
    )


# ---- the pictures ---------------------------------------------------------------------


def pencil_case():
    c = Canvas()
    floor(c, 230)
    c.rect((110, 150, 370, 250), TEAL, radius=28)
    c.rect((110, 150, 370, 180), "#27878a", radius=16)
    c.line([(130, 165), (350, 165)], GOLD, 4)
    c.circle(356, 165, 8, GOLD)
    pencil(c, 150, 128, 120, color=YELLOW)
    pencil(c, 200, 112, 130, color=RED)
    pencil(c, 170, 98, 110, color=BLUE)
    c.rect((300, 100, 350, 145), PINK, radius=8)
    sparkle(c, 90, 120, 10)
    sparkle(c, 400, 130, 8)
    c.save("pencil-case")


def queue():
    c = Canvas()
    floor(c, 270)
    c.rect((20, 150, 130, 270), SILVER, radius=6)  # the canteen counter
    c.rect((14, 140, 136, 156), GREY, radius=4)
    c.ellipse((36, 118, 76, 142), ORANGE)
    c.ellipse((84, 124, 120, 142), WHITE, INK, 2)
    colors = (RED, GREEN, PURPLE, ORANGE, BLUE)
    for i, col in enumerate(colors):
        person(
            c,
            175 + i * 66,
            290,
            height=150 - (i % 2) * 14,
            shirt=col,
            style="long" if i % 2 else "short",
            face="front",
        )
    c.save("queue")


def coins():
    c = Canvas()
    c.rect((0, 0, W, 200), "#fbe7c6")
    c.rect((0, 200, W, H), "#c98f5a")
    c.rect((0, 196, W, 210), "#a8743f")
    banknote(c, 70, 220, 140, 70)
    banknote(c, 90, 236, 140, 70, "#b5dcf2")
    for i, (x, y) in enumerate(((300, 262), (340, 250), (372, 272), (320, 290), (400, 244))):
        coin(c, x, y, 20, GOLD if i % 2 == 0 else SILVER)
    # a shop scale-free till behind
    c.rect((300, 90, 440, 190), GREY, radius=10)
    c.rect((316, 104, 424, 140), "#9ee6b5", radius=4)
    for i in range(3):
        for j in range(3):
            c.rect((320 + j * 36, 148 + i * 12, 346 + j * 36, 156 + i * 12), WHITE, radius=2)
    c.save("coins")


def book_return():
    c = Canvas()
    floor(c, 270)
    h1 = person(c, 150, 290, shirt=ORANGE, arms="give")
    person(c, 330, 290, shirt=GREEN, style="long", arms="take")
    x, y = h1["right"]
    book(c, x - 4, y - 38, 90, 62, RED)
    c.save("book-return")


def broken_window():
    c = Canvas()
    c.rect((110, 40, 370, 240), WHITE, BROWN, 10, radius=6)
    c.rect((120, 50, 360, 230), "#bfe6fb")
    c.line([(240, 50), (240, 230)], BROWN, 8)
    c.line([(120, 140), (360, 140)], BROWN, 8)
    cx, cy = 300, 95
    for ex, ey in ((258, 60), (350, 70), (330, 132), (262, 125), (300, 54)):
        c.line([(cx, cy), (ex, ey)], INK, 2)
    c.circle(cx, cy, 10, None, INK, 2)
    floor(c, 262)
    ball(c, 390, 282, 26)
    c.save("broken-window")


def notebooks():
    c = Canvas()
    floor(c, 270)
    desk(c, 40, 190, 400)
    notebook(c, 80, 110, 140, 76, BLUE)
    notebook(c, 260, 110, 140, 76, RED)
    pencil(c, 100, 176, 90, color=GREEN)
    c.circle(400, 70, 30, WHITE, INK, 2)  # a thought bubble: think for yourself
    c.circle(372, 102, 8, WHITE, INK, 2)
    c.circle(400, 70, 10, YELLOW)
    c.save("notebooks")


def drawing():
    c = Canvas()
    floor(c, 270)
    c.line([(170, 270), (240, 60)], BROWN, 8)
    c.line([(310, 270), (240, 60)], BROWN, 8)
    c.line([(240, 60), (240, 270)], "#7b522c", 6)
    c.rect((150, 70, 330, 210), WHITE, INK, 2, radius=4)
    c.circle(290, 105, 18, YELLOW)
    c.rect((150, 170, 330, 210), GRASS)
    c.rect((180, 130, 230, 178), RED)
    c.poly([(172, 132), (205, 100), (238, 132)], BROWN)
    for i, col in enumerate((RED, BLUE, GREEN, YELLOW, PURPLE)):
        c.rect((360 + i * 18, 240, 372 + i * 18, 268), col, radius=3)
    c.save("drawing")


def homework():
    c = Canvas("#e9e4f7")
    floor(c, 270)
    desk(c, 60, 200, 360)
    c.rect((320, 90, 334, 200), GREY)  # the lamp
    c.poly([(292, 96), (362, 96), (344, 60), (310, 60)], ORANGE)
    c.ellipse((300, 190, 354, 204), GREY)
    c.poly([(300, 96), (354, 96), (380, 196), (274, 196)], "#fff3b8")
    notebook(c, 110, 130, 150, 64, GREEN)
    pencil(c, 200, 186, 90, color=RED)
    c.save("homework")


def raised_hand():
    c = Canvas()
    floor(c, 270)
    blackboard(c, 40, 30, 180, 110)
    person(c, 330, 300, height=190, shirt=PURPLE, style="long", arms="up")
    c.save("raised-hand")


def open_book():
    c = Canvas("#fff6e0")
    floor(c, 260, "#e0c08f")
    book(c, 110, 70, 260, 160, open_=True)
    for x, y in ((80, 80), (400, 70), (420, 180)):
        sparkle(c, x, y, 10)
    c.circle(240, 40, 12, PINK)
    c.save("open-book")


def family():
    c = Canvas()
    outdoors(c, 250)
    person(c, 130, 300, height=210, shirt=NAVY, legs=INK)
    person(c, 350, 300, height=200, shirt=RED, style="long", skirt=True)
    person(c, 240, 300, height=130, shirt=YELLOW, legs=BLUE, arms="out")
    heart(c, 240, 60, 24)
    c.save("family")


def secret():
    c = Canvas("#ece6f6")
    floor(c, 270)
    person(c, 240, 300, height=210, shirt=TEAL, arms="lips", smile=False)
    c.circle(100, 90, 26, GREY)  # a dark cloud: a secret that frightens
    c.circle(130, 80, 32, GREY)
    c.circle(160, 96, 24, GREY)
    c.line([(128, 116), (118, 140), (132, 140), (122, 164)], YELLOW, 4)
    c.save("secret")


def big_and_small():
    c = Canvas()
    outdoors(c, 250)
    person(c, 170, 300, height=220, shirt=INK, legs=NAVY, hair=HAIR2, arms="hips", smile=False)
    person(c, 330, 300, height=130, shirt=ORANGE, legs=BLUE, smile=False)
    coin(c, 250, 120, 18)
    c.arc((220, 100, 290, 170), 200, 340, INK, 2)
    c.save("big-and-small")


def stop_hand():
    c = Canvas()
    outdoors(c, 250)
    person(c, 200, 300, height=190, shirt=GREEN, arms="stop", smile=False)
    c.circle(355, 110, 48, RED)
    c.circle(355, 110, 40, None, WHITE, 4)
    c.rect((322, 102, 388, 118), WHITE, radius=4)
    c.save("stop-hand")


def tell_teacher():
    c = Canvas()
    floor(c, 270)
    blackboard(c, 270, 30, 180, 100)
    person(c, 360, 300, height=200, shirt=PURPLE, style="bun", skirt=True)  # the teacher
    person(c, 110, 300, height=200, shirt=BLUE, legs=INK)  # a parent
    person(c, 220, 300, height=130, shirt=ORANGE, arms="give")
    c.save("tell-teacher")


# wise words and tales


def arrow():
    c = Canvas()
    outdoors(c, 250)
    c.circle(400, 150, 56, WHITE)
    c.circle(400, 150, 42, RED)
    c.circle(400, 150, 28, WHITE)
    c.circle(400, 150, 14, RED)
    c.line([(70, 150), (372, 150)], BROWN, 5)
    c.poly([(370, 140), (392, 150), (370, 160)], INK)
    c.poly([(70, 150), (52, 136), (86, 136), (100, 150)], RED)
    c.poly([(70, 150), (52, 164), (86, 164), (100, 150)], RED)
    for y in (120, 180):
        c.line([(120, y), (200, y)], WHITE, 3)
    c.save("arrow")


def scales():
    c = Canvas("#eef3fb")
    floor(c, 270)
    c.rect((230, 70, 250, 250), GOLD)
    c.rect((180, 244, 300, 262), GOLD, radius=6)
    c.line([(120, 90), (360, 90)], GOLD, 8)
    c.circle(240, 80, 14, GOLD)
    for x in (120, 360):
        c.line([(x, 90), (x - 40, 170)], INK, 2)
        c.line([(x, 90), (x + 40, 170)], INK, 2)
        c.pie((x - 52, 140, x + 52, 200), 0, 180, GOLD)
    c.save("scales")


def spotted_cow():
    c = Canvas()
    outdoors(c, 240)
    c.rect((110, 120, 330, 210), WHITE, radius=40)
    for x, y, r in ((160, 150, 20), (240, 180, 24), (290, 140, 16), (200, 130, 12)):
        c.circle(x, y, r, INK)
    for x in (135, 175, 270, 305):
        c.rect((x - 9, 190, x + 9, 262), WHITE)
        c.rect((x - 9, 250, x + 9, 264), INK, radius=3)
    c.ellipse((300, 80, 390, 160), WHITE)
    c.ellipse((330, 130, 398, 172), PINK)
    c.circle(350, 110, 5, INK)
    c.circle(376, 104, 5, INK)
    c.poly([(312, 86), (300, 60), (324, 80)], "#e8e0c8")
    c.poly([(372, 80), (392, 56), (386, 86)], "#e8e0c8")
    c.line([(110, 140), (80, 190)], WHITE, 5)
    c.save("spotted-cow")


def bread():
    c = Canvas("#fdf0dc")
    c.rect((0, 220, W, H), "#d7b48a")
    c.ellipse((80, 200, 400, 250), WHITE)
    c.circle(240, 180, 90, "#d99b4f")
    c.circle(240, 180, 70, "#e7b066")
    for x, y in ((220, 160), (260, 160), (240, 185), (215, 205), (265, 205)):
        c.circle(x, y, 5, "#a86b2d")
    for x in (70, 410):
        c.line([(x, 170), (x, 110)], GOLD, 4)
        for k in range(4):
            c.ellipse((x - 12, 100 + k * 16, x, 118 + k * 16), GOLD)
            c.ellipse((x, 100 + k * 16, x + 12, 118 + k * 16), GOLD)
    c.save("bread")


def yurt(c, x, ground, w=220):
    h = w * 0.45
    c.rect((x - w / 2, ground - h, x + w / 2, ground), WHITE, radius=6)
    c.pie((x - w / 2, ground - h - w * 0.36, x + w / 2, ground - h + w * 0.36), 180, 360, WHITE)
    for k in range(-3, 4):  # the dome's poles
        c.line([(x + k * w / 8, ground - h), (x, ground - h - w * 0.34)], "#c8b89a", 2)
    c.rect((x - w / 2, ground - h * 0.62, x + w / 2, ground - h * 0.5), RED)
    c.rect((x - w * 0.1, ground - h * 0.8, x + w * 0.1, ground), ORANGE, radius=4)
    c.circle(x, ground - h - w * 0.34, 10, "#c8b89a")


def shepherd():
    c = Canvas()
    outdoors(c, 240)
    yurt(c, 370, 250, 170)
    h = person(c, 150, 300, height=200, shirt=BROWN, legs=INK, style="cap", arms="down")
    x, y = h["right"]
    c.line([(x + 4, y + 60), (x + 4, y - 90)], "#7b522c", 5)
    for sx, sy in ((250, 272), (300, 288)):
        c.ellipse((sx - 28, sy - 20, sx + 28, sy + 14), WHITE)
        c.circle(sx + 28, sy - 12, 11, INK)
        for lx in (sx - 14, sx + 14):
            c.line([(lx, sy + 10), (lx, sy + 24)], INK, 4)
    c.save("shepherd")


def old_coat():
    c = Canvas("#f3ead8")
    c.rect((0, 250, W, H), "#cfae84")
    c.rect((100, 40, 380, 56), BROWN, radius=6)  # a peg board
    c.circle(240, 60, 8, INK)
    c.poly([(190, 80), (290, 80), (330, 250), (150, 250)], "#8c7a5b")  # an old coat
    c.poly([(190, 80), (150, 90), (110, 200), (140, 210), (170, 130)], "#8c7a5b")
    c.poly([(290, 80), (330, 90), (370, 200), (340, 210), (310, 130)], "#8c7a5b")
    c.line([(240, 82), (240, 250)], "#6d5e45", 3)
    for x, y in ((205, 150), (270, 200), (190, 220)):  # patches
        c.rect((x - 14, y - 12, x + 14, y + 12), "#b79a6b", radius=3)
    c.line([(400, 250), (420, 90)], "#7b522c", 6)  # the staff
    c.save("old-coat")


def fancy_coat():
    c = Canvas("#fbf1e4")
    c.rect((0, 240, W, H), "#b9553f")  # a carpet
    for x in range(20, W, 60):
        c.poly([(x, 280), (x + 20, 260), (x + 40, 280), (x + 20, 300)], YELLOW)
    c.poly([(150, 50), (250, 50), (290, 230), (110, 230)], NAVY)  # a fine chapan
    c.poly([(150, 50), (110, 60), (70, 170), (100, 180), (130, 100)], NAVY)
    c.poly([(250, 50), (290, 60), (336, 150), (310, 166), (270, 100)], NAVY)
    for y in range(70, 230, 30):
        c.line([(200, y), (200, y + 16)], GOLD, 4)
    c.rect((110, 218, 290, 232), GOLD, radius=4)
    c.ellipse((300, 170, 420, 220), WHITE, INK, 2)  # a dish of food
    c.ellipse((316, 164, 404, 196), "#e7a35a")
    c.circle(336, 176, 8, "#c2703a")
    c.circle(380, 172, 9, "#c2703a")
    c.save("fancy-coat")


def trickster():
    c = Canvas()
    c.rect((0, 0, W, 240), "#cfe2f2")  # winter steppe
    c.rect((0, 240, W, H), WHITE)
    for x, y in ((60, 60), (160, 30), (300, 80), (420, 40), (380, 140), (90, 160)):
        c.circle(x, y, 4, WHITE)
    person(
        c, 150, 300, height=190, shirt="#8c7a5b", legs=INK, style="bald", arms="hips"
    )  # thin coat
    person(
        c, 330, 300, height=200, shirt="#6b4a2b", legs=INK, style="cap", arms="down", smile=False
    )
    for x, y in ((140, 200), (160, 225)):
        c.circle(x, y, 5, "#cfe2f2")
    c.save("trickster")


def cauldron():
    c = Canvas("#f5ecdf")
    c.rect((0, 250, W, H), "#cbb08a")
    for x in (180, 300):  # the fire
        c.poly([(x - 30, 270), (x, 200), (x + 30, 270)], ORANGE)
    c.poly([(210, 270), (240, 190), (270, 270)], YELLOW)
    c.pie((130, 80, 350, 260), 0, 180, INK)
    c.rect((120, 160, 360, 176), "#5a5a6e", radius=6)
    c.circle(120, 150, 12, None, INK, 4)
    c.circle(360, 150, 12, None, INK, 4)
    c.pie((330, 170, 420, 250), 0, 180, "#5a5a6e")  # a small pot beside it
    c.rect((326, 200, 424, 210), INK, radius=3)
    c.save("cauldron")


# fair play


def race():
    c = Canvas()
    c.rect((0, 0, W, 120), SKY)
    c.rect((0, 120, W, H), "#d9684a")
    for y in (120, 186, 252, 318):
        c.line([(0, y), (W, y)], WHITE, 3)
    c.line([(150, 120), (150, H)], WHITE, 8)  # the start line
    person(c, 120, 180, height=110, shirt=BLUE, arms="hips")
    person(c, 120, 246, height=110, shirt=YELLOW, style="long", arms="hips")
    person(c, 250, 312, height=110, shirt=GREEN, arms="out")  # one runner has started early
    c.circle(430, 60, 24, YELLOW)
    c.save("race")


def hide_and_seek():
    c = Canvas()
    outdoors(c, 250)
    tree(c, 150, 270, 200)
    person(c, 210, 300, height=150, shirt=RED, arms="eyes")
    c.rect((330, 190, 440, 260), "#7fb65a", radius=30)  # a bush
    c.circle(380, 180, 20, SKIN)
    c.pie((358, 158, 402, 194), 180, 360, HAIR)
    c.save("hide-and-seek")


def board_game():
    c = Canvas("#eaf3e6")
    c.rect((0, 240, W, H), FLOOR)
    c.rect((120, 40, 360, 280), BROWN, radius=8)
    for i in range(6):
        for j in range(6):
            col = "#f1dcb2" if (i + j) % 2 == 0 else "#8a5a30"
            c.rect((136 + i * 35, 56 + j * 35, 171 + i * 35, 91 + j * 35), col)
    for i, j in ((0, 1), (2, 1), (4, 1), (1, 0), (3, 0)):
        c.circle(153 + i * 35 + 17, 73 + j * 35, 13, RED)
    for i, j in ((1, 5), (3, 5), (5, 5), (0, 4), (4, 4)):
        c.circle(153 + i * 35 - 17 + 35, 73 + j * 35, 13, WHITE, INK, 2)
    c.save("board-game")


def handshake():
    c = Canvas()
    outdoors(c, 250)
    person(c, 160, 300, height=170, shirt=BLUE, arms="give")
    person(c, 320, 300, height=170, shirt=RED, style="long", arms="take")
    c.circle(240, 186, 12, SKIN)
    ball(c, 420, 276, 22)
    c.save("handshake")


def medal():
    c = Canvas("#f2efff")
    c.poly([(200, 30), (240, 30), (260, 150), (220, 150)], BLUE)
    c.poly([(280, 30), (240, 30), (220, 150), (260, 150)], RED)
    c.circle(240, 200, 70, GOLD)
    c.circle(240, 200, 52, "#f5cd55")
    star(c, 240, 202, 36, "#d89c1c")
    for x, y in ((110, 120), (370, 110), (390, 240), (90, 250)):
        sparkle(c, x, y, 12)
    c.save("medal")


def referee():
    c = Canvas()
    outdoors(c, 250)
    person(c, 220, 300, height=200, shirt="#222230", legs=INK, arms="up")
    c.rect((255, 84, 283, 100), SILVER, radius=5)  # a whistle in the raised hand
    ball(c, 380, 270, 26)
    c.rect((60, 150, 100, 260), WHITE)  # a goal post
    c.rect((60, 150, 140, 160), WHITE)
    c.save("referee")


# promises and borrowed things


def markers():
    c = Canvas("#eef7fb")
    c.rect((0, 230, W, H), FLOOR)
    for i, col in enumerate((RED, ORANGE, YELLOW, GREEN, BLUE, PURPLE)):
        x = 90 + i * 52
        c.rect((x, 90, x + 30, 230), col, radius=8)
        c.rect((x + 4, 60, x + 26, 96), WHITE, INK, 2, radius=6)
        c.rect((x + 8, 130, x + 22, 190), WHITE, radius=4)
    c.rect((80, 220, 400, 250), "#cfd8e6", radius=6)
    c.save("markers")


def scooter():
    c = Canvas()
    outdoors(c, 250)
    c.line([(120, 260), (340, 260)], BLUE, 12)
    c.line([(330, 260), (300, 120)], BLUE, 10)
    c.line([(270, 120), (330, 120)], INK, 10)
    for x in (130, 340):
        c.circle(x, 270, 24, INK)
        c.circle(x, 270, 10, SILVER)
    c.line([(190, 240), (220, 228)], "#ffffff", 4)  # a scratch-free shine
    c.save("scooter")


def bookshelf():
    c = Canvas("#f5ecdc")
    c.rect((0, 270, W, H), FLOOR)
    c.rect((80, 30, 400, 272), BROWN, radius=6)
    colors = (RED, BLUE, GREEN, YELLOW, PURPLE, ORANGE, TEAL, PINK)
    for shelf in range(3):
        y = 46 + shelf * 76
        c.rect((94, y + 62, 386, y + 70), "#7b522c")
        x = 100
        for k in range(9):
            w = 24 + (k * 7 + shelf * 5) % 12
            hgt = 48 + (k * 5 + shelf * 3) % 14
            c.rect(
                (x, y + 62 - hgt, x + w, y + 62), colors[(k + shelf * 3) % len(colors)], radius=2
            )
            x += w + 6
            if x > 360:
                break
    c.save("bookshelf")


def cat_bowl():
    c = Canvas()
    floor(c, 240)
    c.ellipse((130, 150, 290, 260), ORANGE)  # the body
    c.circle(280, 140, 50, ORANGE)
    c.poly([(240, 110), (248, 70), (272, 100)], ORANGE)
    c.poly([(288, 100), (312, 70), (320, 112)], ORANGE)
    c.circle(264, 136, 6, INK)
    c.circle(298, 136, 6, INK)
    c.poly([(276, 150), (286, 150), (281, 157)], PINK)
    for dy in (-4, 6):
        c.line([(300, 154 + dy), (336, 148 + dy * 2)], INK, 2)
        c.line([(262, 154 + dy), (226, 148 + dy * 2)], INK, 2)
    c.line([(140, 220), (90, 170), (80, 130)], ORANGE, 14)
    c.pie((330, 220, 440, 290), 0, 180, BLUE)
    c.rect((326, 248, 444, 258), NAVY, radius=4)
    c.save("cat-bowl")


def clock():
    c = Canvas("#eef3fb")
    c.circle(240, 160, 120, RED)
    c.circle(240, 160, 104, WHITE)
    for k in range(12):
        a = k * math.pi / 6
        c.circle(240 + 88 * math.sin(a), 160 - 88 * math.cos(a), 5, INK)
    c.line([(240, 160), (240, 90)], INK, 8)
    c.line([(240, 160), (290, 160)], INK, 8)
    c.circle(240, 160, 10, INK)
    c.circle(150, 48, 24, RED)
    c.circle(330, 48, 24, RED)
    c.save("clock")


def ruler_eraser():
    c = Canvas("#fff7e6")
    c.rect((0, 220, W, H), FLOOR)
    c.rect((70, 150, 410, 200), YELLOW, INK, 2, radius=4)
    for k in range(17):
        x = 84 + k * 19
        c.line([(x, 150), (x, 164 if k % 2 else 174)], INK, 2)
    c.rect((150, 230, 250, 280), PINK, radius=8)
    c.rect((150, 230, 190, 280), BLUE, radius=8)
    c.rect((300, 236, 360, 282), SILVER, radius=6)  # a sharpener
    c.circle(330, 258, 9, INK)
    c.save("ruler-eraser")


# gifts for the teacher


def teacher_flowers():
    c = Canvas()
    floor(c, 270)
    blackboard(c, 40, 30, 200, 110)
    person(c, 330, 300, height=200, shirt=PURPLE, style="bun", skirt=True)  # the teacher
    h = person(c, 180, 300, height=130, shirt=ORANGE, arms="give")
    x, y = h["right"]
    bouquet(c, x + 10, y - 70, 0.7)
    c.save("teacher-flowers")


def handmade_card():
    c = Canvas("#fdf0f5")
    c.rect((0, 250, W, H), FLOOR)
    c.poly([(110, 70), (240, 60), (240, 250), (110, 240)], "#fbe3a3")
    c.poly([(240, 60), (370, 70), (370, 240), (240, 250)], WHITE, INK, 2)
    heart(c, 305, 130, 34)
    flower(c, 270, 200, 12, PURPLE)
    flower(c, 340, 200, 12, ORANGE)
    c.line([(140, 110), (210, 106)], GREY, 3)
    c.line([(140, 140), (200, 137)], GREY, 3)
    pencil(c, 90, 276, 110, color=RED)
    pencil(c, 250, 284, 110, color=GREEN)
    c.save("handmade-card")


def money_envelope():
    c = Canvas("#f4f0e8")
    c.rect((0, 240, W, H), "#c98f5a")
    banknote(c, 180, 70, 130, 66)
    banknote(c, 200, 84, 130, 66, "#b5dcf2")
    envelope(c, 150, 120, 200, 130)
    c.save("money-envelope")


def gift():
    c = Canvas("#eef7fb")
    c.rect((0, 250, W, H), FLOOR)
    gift_box(c, 170, 110, 140, 140, PURPLE, YELLOW)
    for x, y in ((110, 100), (370, 90), (390, 200)):
        sparkle(c, x, y, 12)
    c.save("gift")


def good_mark():
    c = Canvas("#fff7e6")
    c.rect((0, 250, W, H), FLOOR)
    notebook(c, 100, 80, 280, 170, GREEN)
    star(c, 320, 120, 36, GOLD)
    c.circle(320, 120, 46, None, RED, 4)
    c.save("good-mark")


def sweets():
    c = Canvas("#fbeff4")
    c.rect((0, 240, W, H), FLOOR)
    c.ellipse((100, 200, 380, 270), WHITE, INK, 2)
    for x, y, col in (
        (170, 210, RED),
        (240, 200, GREEN),
        (310, 212, BLUE),
        (205, 236, ORANGE),
        (275, 238, PURPLE),
    ):
        c.ellipse((x - 24, y - 14, x + 24, y + 14), col)
        c.poly([(x - 24, y), (x - 42, y - 14), (x - 42, y + 14)], col)
        c.poly([(x + 24, y), (x + 42, y - 14), (x + 42, y + 14)], col)
    star(c, 240, 100, 40, GOLD)  # a sticker sheet idea: a shiny star
    c.save("sweets")


def class_vote():
    c = Canvas()
    floor(c, 270)
    c.rect((180, 150, 300, 262), BLUE, radius=8)  # a ballot box
    c.rect((210, 160, 270, 170), INK, radius=3)
    c.poly([(222, 110), (258, 106), (262, 162), (226, 166)], WHITE, INK, 2)
    for i, col in enumerate((RED, GREEN, ORANGE)):
        person(
            c,
            70 + i * 50 if i < 2 else 390,
            300,
            height=130,
            shirt=col,
            arms="up" if i == 2 else "down",
        )
    c.save("class-vote")


PICTURES = [
    pencil_case,
    queue,
    coins,
    book_return,
    broken_window,
    notebooks,
    drawing,
    homework,
    raised_hand,
    open_book,
    family,
    secret,
    big_and_small,
    stop_hand,
    tell_teacher,
    arrow,
    scales,
    spotted_cow,
    bread,
    shepherd,
    old_coat,
    fancy_coat,
    trickster,
    cauldron,
    race,
    hide_and_seek,
    board_game,
    handshake,
    medal,
    referee,
    markers,
    scooter,
    bookshelf,
    cat_bowl,
    clock,
    ruler_eraser,
    teacher_flowers,
    handmade_card,
    money_envelope,
    gift,
    good_mark,
    sweets,
    class_vote,
]


def main():
    OUT.mkdir(exist_ok=True)
    for draw in PICTURES:
        draw()
    print(f"{len(PICTURES)} pictures in {OUT}")


if __name__ == "__main__":
    main()
