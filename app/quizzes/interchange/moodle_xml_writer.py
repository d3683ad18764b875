"""Questions as Moodle XML that Moodle's importer takes and parse_moodle_xml reads back to
the same questions (moodle_xml.py has the mapping).

- single → multichoice, one answer at 100; multiple → multichoice, the right answers'
  fractions make 100 and the wrong ones are -100 (ticking every box never pays, as here);
  true_false → truefalse; matching → matching; ordering → ordering (the qtype_ordering
  plugin, graded RELATIVE_NEXT_EXCLUDE_LAST: our self-paced rule of kept steps);
  a case study → a description before its first question.
- A poll has no Moodle type: it is written as a multiple-answer multichoice in which every
  answer earns an equal share (Moodle refuses a multichoice with nothing right) and a grade
  of 0, and the metadata comment says "poll", so it comes back as a poll.
- Points are Moodle's grade over 100 (our 100 points are Moodle's usual grade 1); the
  time limit, a source, the case and our own ids travel in the metadata comment.
- Several languages are written as multilang spans, an image inside each language's span
  with that language's alt text; image bytes are embedded when `media` has them (an image
  without bytes is left out, as Moodle could not show it).
"""

import base64
import json
from collections.abc import Mapping

from . import html_text, multilang
from .common import LANGUAGES, carried, own_ids, with_defaults

KINDS = ("single", "multiple", "true_false", "poll", "ordering", "matching")
# Shares of 100 for n right answers, as Moodle's own fraction list writes them.
WEIGHTS = {1: "100", 2: "50", 3: "33.33333", 4: "25", 5: "20", 6: "16.66667"}


def to_moodle_xml(
    questions: list[dict], cases: list[dict] = (), media: Mapping[str, bytes] | None = None
) -> str:
    """Moodle XML of the kinds Moodle carries (KINDS); each case study is written once, as a
    description before the first question that refers to it."""
    writer = _Writer(media or {})
    by_id = {case["id"]: case for case in cases}
    parts = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>"]
    written = set()
    for question in carried(questions, KINDS):
        question = with_defaults(question)
        case = question.get("case")
        if case in by_id and case not in written:
            parts.append(writer.description(by_id[case]))
            written.add(case)
        parts.append(writer.question(question, case if case in by_id else None))
    return "\n".join([*parts, "</quiz>"]) + "\n"


def cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


class _Writer:
    def __init__(self, media: Mapping[str, bytes]):
        self.media = media

    def description(self, case: dict) -> str:
        return "\n".join(
            [
                '  <question type="description">',
                f"    <name><text>{case['id']}</text></name>",
                self.rich("questiontext", case["text"], case.get("image"), 4),
                '    <generalfeedback format="html"><text></text></generalfeedback>',
                "    <defaultgrade>0</defaultgrade>",
                "    <penalty>0</penalty>",
                "    <hidden>0</hidden>",
                "  </question>",
            ]
        )

    def question(self, question: dict, case: str | None) -> str:
        kind = question["type"]
        meta = {"type": kind, "time_limit": question["time_limit"]}
        if "source" in question:
            meta["source"] = question["source"]
        if case:
            meta["case"] = case
        if ids := own_ids(question):
            meta["ids"] = ids
        # "--" may not appear in an XML comment; JSON can say it as "-\u002d".
        comment = json.dumps(meta, ensure_ascii=False).replace("--", "-\\u002d")
        moodle_type = {"single": "multichoice", "multiple": "multichoice", "poll": "multichoice"}
        lines = [
            f'  <question type="{moodle_type.get(kind, kind.replace("_", ""))}">',
            f"    <!-- integrity-hour: {comment} -->",
            f"    <name><text>{question['id']}</text></name>",
            self.rich("questiontext", question["text"], question.get("image"), 4),
            self.rich("generalfeedback", question.get("explanation") or {}, None, 4),
            f"    <defaultgrade>{question['points'] / 100:.7f}</defaultgrade>",
            "    <penalty>0.3333333</penalty>",
            "    <hidden>0</hidden>",
        ]
        lines += getattr(self, kind)(question)
        return "\n".join([*lines, "  </question>"])

    # --- each kind's own part -------------------------------------------------------------

    def _choices(self, question: dict, fractions: list[str], single: bool) -> list[str]:
        lines = [
            f"    <single>{'true' if single else 'false'}</single>",
            f"    <shuffleanswers>{'false' if question.get('keep_order') else 'true'}"
            "</shuffleanswers>",
            "    <answernumbering>abc</answernumbering>",
        ]
        for option, fraction in zip(question["options"], fractions, strict=True):
            lines += self.answer(fraction, option["text"], option.get("image"))
        return lines

    def single(self, question: dict) -> list[str]:
        fractions = ["100" if option.get("correct") else "0" for option in question["options"]]
        return self._choices(question, fractions, True)

    def multiple(self, question: dict) -> list[str]:
        share = WEIGHTS[sum(1 for option in question["options"] if option.get("correct"))]
        fractions = [share if option.get("correct") else "-100" for option in question["options"]]
        return self._choices(question, fractions, False)

    def poll(self, question: dict) -> list[str]:
        share = WEIGHTS[len(question["options"])]
        return self._choices(question, [share] * len(question["options"]), False)

    def true_false(self, question: dict) -> list[str]:
        right = question["answer"]
        return [
            *self.answer("100" if right else "0", {"en": "true"}, None, plain=True),
            *self.answer("0" if right else "100", {"en": "false"}, None, plain=True),
        ]

    def ordering(self, question: dict) -> list[str]:
        lines = [
            "    <layouttype>VERTICAL</layouttype>",
            "    <selecttype>ALL</selecttype>",
            "    <selectcount>0</selectcount>",
            "    <gradingtype>RELATIVE_NEXT_EXCLUDE_LAST</gradingtype>",
            "    <showgrading>SHOW</showgrading>",
            "    <numberingstyle>none</numberingstyle>",
        ]
        for position, item in enumerate(question["items"], start=1):
            lines += self.answer(str(position), item["text"], item.get("image"), feedback=False)
        return lines

    def matching(self, question: dict) -> list[str]:
        """A subquestion per item; a category without items (or, when the question's order
        of categories is not the order they first appear in, every category, first) as a
        subquestion without text, which Moodle shows as one more choice."""
        categories = {category["id"]: category["text"] for category in question["categories"]}
        used = list(dict.fromkeys(item["match"] for item in question["items"]))
        unused = [key for key in categories if key not in used]
        pairs = [
            self.subquestion(item["text"], item.get("image"), categories[item["match"]])
            for item in question["items"]
        ]
        if used + unused == list(categories):
            extra = [self.subquestion({}, None, categories[key]) for key in unused]
            subquestions = pairs + extra
        else:
            subquestions = [self.subquestion({}, None, text) for text in categories.values()]
            subquestions += pairs
        return ["    <shuffleanswers>true</shuffleanswers>", *subquestions]

    def subquestion(self, text: dict, image: dict | None, category: dict) -> str:
        written = _plain(category)
        return "\n".join(
            [
                self.rich("subquestion", text, image, 4, closing=False),
                f"      <answer><text>{cdata(written) if written else ''}</text></answer>",
                "    </subquestion>",
            ]
        )

    # --- texts -----------------------------------------------------------------------------

    def answer(
        self, fraction: str, text: dict, image, plain: bool = False, feedback: bool = True
    ) -> list[str]:
        if plain:
            lines = [
                f'    <answer fraction="{fraction}" format="moodle_auto_format">',
                f"      <text>{text['en']}</text>",
            ]
        else:
            opening = self.rich("answer", text, image, 4, closing=False, fraction=fraction)
            lines = opening.split("\n")
        if feedback:
            lines.append('      <feedback format="html"><text></text></feedback>')
        return [*lines, "    </answer>"]

    def rich(
        self,
        tag: str,
        translations: dict,
        image: dict | None,
        indent: int,
        closing: bool = True,
        fraction: str | None = None,
    ) -> str:
        """<tag format="html"><text>…</text><file>…</file></tag>: one language as plain
        HTML, several as multilang spans with the image in each."""
        pad = " " * indent
        data = self.media.get(image["src"]) if image else None
        image = image if data is not None else None
        alt = image["alt"] if image else {}
        languages = [code for code in LANGUAGES if code in translations or code in alt]
        if len(languages) <= 1:
            code = languages[0] if languages else None
            body = self._html(translations.get(code, ""), image, alt.get(code))
        else:
            body = multilang.span_markup(
                {
                    code: self._html(translations.get(code, ""), image, alt.get(code))
                    for code in languages
                }
            )
        attributes = f' fraction="{fraction}"' if fraction is not None else ""
        lines = [f'{pad}<{tag}{attributes} format="html">', f"{pad}  <text>{cdata(body)}</text>"]
        if image:
            encoded = base64.b64encode(data).decode("ascii")
            lines.append(f'{pad}  <file name="{image["src"]}" path="/" encoding="base64">')
            lines[-1] += f"{encoded}</file>"
        if closing:
            lines.append(f"{pad}</{tag}>")
        return "\n".join(lines)

    @staticmethod
    def _html(text: str, image: dict | None, alt: str | None) -> str:
        html = html_text.to_html(text)
        if image and alt is not None:
            img = f'<img src="@@PLUGINFILE@@/{image["src"]}" alt="{html_text.attribute(alt)}">'
            html = f"{html}\n{img}" if html else img
        return html


def _plain(translations: dict) -> str:
    """A category: Moodle keeps matching answers as plain text (spans for several)."""
    cleaned = {code: html_text.NOT_XML.sub("", text) for code, text in translations.items()}
    if len(cleaned) == 1:
        return next(iter(cleaned.values()))
    return multilang.span_markup(cleaned)
