"""Moodle XML (docs.moodle.org/en/Moodle_XML_format): the question bank format every Moodle
exports. We import the kinds we play and write back every kind Moodle can hold
(moodle_xml_writer.py).

| Moodle                                  | ours                                          |
| multichoice, <single>true               | single: the answer at fraction 100 is right   |
| multichoice, <single>false              | multiple: positive fractions (making 100)     |
| truefalse                               | true_false                                    |
| matching                                | matching: the different answers are categories |
| ordering (the qtype_ordering plugin)    | ordering: the answers in the file's order     |
| description                             | a case study for the questions after it       |

Texts are HTML reduced to plain text (html_text.py), in the languages of Moodle's multilang
spans; images come from the base64 <file> elements (``@@PLUGINFILE@@/name``) into
``Imported.media``. What cannot come along is named in ``Imported.notes``; other kinds are
skipped and named; a malformed file saves nothing, every problem with its line.
What Moodle cannot say (a poll, the time limit, a source, our own ids, the case) travels in
a comment, ``<!-- integrity-hour: {...} -->``, which Moodle ignores.
"""

import base64
import binascii
import hashlib
import re
from urllib.parse import unquote

from app.i18n import _, ngettext

from . import html_text, multilang, safe_xml
from .common import (
    DEFAULT_TIME_LIMIT,
    ID_PATTERN,
    MAX_QUESTIONS,
    Imported,
    Problem,
    apply_ids,
    assign_ids,
    check_language,
    default_points,
    final_problems,
    guarded,
    nothing_found,
    read_metadata,
    slugify,
    too_many,
)
from .moodle_kinds import BUILDERS, UNSUPPORTED, Invalid, Notes, Stop, number, text_format

MAX_XML_BYTES = 10 * 1024 * 1024  # a bank of 500 questions with a few photos
MAX_MEDIA_BYTES = 6 * 1024 * 1024  # the images it carries, decoded
KINDS = ("single", "multiple", "true_false", "poll", "ordering", "matching")
META = re.compile(r"\s*integrity-hour:(.*)", re.DOTALL)
META_KEYS = {"type", "time_limit", "source", "case", "ids"}
PLUGINFILE = "@@PLUGINFILE@@/"
SAFE_NAME = re.compile(r"[A-Za-z0-9_.-]{1,200}")


@guarded
def parse_moodle_xml(data: bytes | str, language: str) -> Imported:
    """Read a Moodle XML file (bytes, in the encoding it declares; a str is UTF-8); text
    outside multilang spans, and images' alt text, are in `language`."""
    check_language(language)
    result = Imported()
    if isinstance(data, str):
        data = data.encode("utf-8")
    if len(data) > MAX_XML_BYTES:
        result.errors.append(Problem(1, _("A Moodle XML file must be smaller than 10 MB.")))
        return result
    try:
        root = safe_xml.parse(data)
    except safe_xml.Refused as refused:
        result.errors.append(Problem(refused.line, refused.message))
        return result
    if root.tag != "quiz":
        message = _(
            "This is not Moodle XML: the file must start with <quiz>, not <%(tag)s>.",
            tag=root.tag,
        )
        result.errors.append(Problem(root.line, message))
        return result
    _Reader(language, result).read(root)
    return result


class _Reader:
    def __init__(self, language: str, result: Imported):
        self.language, self.result = language, result
        self.media_bytes = 0
        self.decoded: dict = {}  # an image's key (see _locate) → its media name
        self.cases: list[tuple[int, str | None, dict]] = []  # (line, wanted id, case)
        self.case: int | None = None  # index into cases of the description in force
        self.questions: list[tuple[int, str | None, dict, object]] = []  # + case ref

    def read(self, root: safe_xml.Element) -> None:
        count = 0
        for element in root.findall("question"):
            kind = element.attrs.get("type", "")
            if kind == "category":
                self.case = None  # a new category starts a new topic
                continue
            if kind != "description":  # a case study's text is not one of the 500
                count += 1
            if count > MAX_QUESTIONS:
                self.result.errors.append(too_many(element.line))
                break
            notes = Notes(element.line)
            try:
                self._element(element, kind, notes)
            except Stop as stop:
                self.result.errors.append(stop.problem)
                return
            except Invalid as invalid:
                self.result.errors.append(invalid.problem)
            self.result.notes.extend(notes.problems())
        self._finish(count)

    def _element(self, element, kind: str, notes: Notes) -> None:
        name = element.value("name", "text")
        if kind == "description":
            text, image = self.rich(element.find("questiontext"), "html", notes)
            if not text and not image:
                notes.add(_("An empty description was left out."))
                self.case = None
                return
            case = {"id": None, "text": text or image["alt"]} | ({"image": image} if image else {})
            self.cases.append((element.line, _wanted(name), case))
            self.case = len(self.cases) - 1
            return
        builder = BUILDERS.get(kind)
        if builder is None:
            label = UNSUPPORTED.get(kind)
            if label is not None:
                message = _(
                    "%(kind)s question “%(name)s” skipped: this kind is not supported.",
                    kind=str(label),
                    name=name,
                )
            else:
                message = _(
                    "The question “%(name)s” is of the type %(type)s, which we do not play;"
                    " skipped.",
                    name=name,
                    type=kind or "?",
                )
            self.result.skipped.append(Problem(element.line, message))
            return
        meta = self._meta(element)
        question = {"id": None, "type": None}
        text, image = self.rich(element.find("questiontext"), "html", notes)
        if not text:
            raise Invalid(element.line, _("The question text is empty."))
        question["text"] = text
        if image:
            question["image"] = image
        question |= builder(self, element, meta, notes)
        if "type" in meta and meta["type"] != question["type"]:
            message = _(
                "The integrity-hour comment says the type is %(type)s, but the question is"
                " %(kind)s.",
                type=meta["type"],
                kind=question["type"],
            )
            raise Invalid(element.line, message)
        if problem := apply_ids(question, meta.get("ids", {})):
            raise Invalid(element.line, problem)
        explanation, _image = self.rich(
            element.find("generalfeedback"), text_format(element), notes
        )
        if _image:
            notes.add(_("An image in the general feedback was left out."))
        question["explanation"] = explanation
        if "source" in meta:
            question["source"] = meta["source"]
        question["time_limit"] = meta.get("time_limit", DEFAULT_TIME_LIMIT)
        question["points"] = self._points(element, question["type"], notes)
        if any(hint.value("text") for hint in element.findall("hint")):
            notes.add(_("Hints were left out: we show one explanation per question."))
        if problems := final_problems({**question, "id": "q"}):
            raise Invalid(element.line, problems[0])
        case = ("meta", meta["case"]) if "case" in meta else ("meta", None)
        if not meta:
            case = ("index", self.case)
        self.questions.append((element.line, _wanted(name), question, case))

    def _meta(self, element) -> dict:
        found = [(line, text) for line, text in element.comments if META.match(text)]
        if not found:
            return {}
        if len(found) > 1:
            raise Invalid(found[1][0], _("The question has two integrity-hour comments."))
        line, text = found[0]
        meta, problem = read_metadata(META.match(text).group(1), META_KEYS, KINDS)
        if problem:
            raise Invalid(line, problem)
        return meta

    def _points(self, element, kind: str, notes: Notes) -> int:
        raw = element.value("defaultgrade")
        if not raw:
            return default_points(kind)
        grade = number(raw, element.find("defaultgrade").line)
        if grade < 0:
            raise Invalid(element.line, _("The question's grade cannot be negative."))
        if grade > 10:
            notes.add(
                _(
                    "The question's grade %(grade)s is more than 10, so it gets the most"
                    " points we allow, 1000.",
                    grade=f"{grade:g}",
                )
            )
            return 1000
        return round(grade * 100)  # Moodle's usual grade 1 is our usual 100 points

    # --- texts and images -------------------------------------------------------------------

    def rich(self, element, default_format: str, notes: Notes) -> tuple[dict, dict | None]:
        """A Moodle text element (questiontext, answer, subquestion...) as a translation map
        and its first image."""
        if element is None:
            return {}, None
        raw = element.value("text")
        text_format = element.attrs.get("format") or default_format
        translations = {}
        for code, piece in multilang.by_language(raw, self.language).items():
            reduced = html_text.reduce(piece, text_format)
            notes.left_out(reduced.left_out)
            if reduced.text:
                translations[code] = reduced.text
        image = None
        if "<img" in raw.lower() and text_format in {"html", "moodle_auto_format"}:
            image = self._image(raw, element, notes)
        return translations, image

    def _image(self, raw: str, element, notes: Notes) -> dict | None:
        files = {
            (file.attrs.get("path") or "/").strip("/") + "/" + file.attrs.get("name", ""): file
            for file in element.findall("file")
        }
        order, alts = {}, {}  # key → the image's (name, base64, line); key → alt texts
        for code, piece in multilang.outside_and_inside(raw, self.language):
            for src, alt in html_text.reduce(piece).images:
                found = self._locate(src, files, notes)
                if found is None:
                    continue
                key, source = found
                order.setdefault(key, source)
                if alt:
                    alts.setdefault(key, {}).setdefault(code, alt)
        if not order:
            return None
        if len(order) > 1:
            notes.add(
                ngettext(
                    "Only one image is kept per text; %(num)d more was left out.",
                    "Only one image is kept per text; %(num)d more were left out.",
                    len(order) - 1,
                )
            )
        key = next(iter(order))
        if key not in self.decoded:  # only the image kept is decoded and stored
            self.decoded[key] = self._store(*order[key])
        name = self.decoded[key]
        alt = alts.get(key)
        if not alt:
            notes.add(
                _(
                    "The image %(name)s has no description (alt text); its file name stands in."
                    " Describe the image in the editor.",
                    name=name,
                )
            )
            alt = {self.language: name.rsplit(".", 1)[0]}
        return {"src": name, "alt": alt}

    def _locate(self, src: str, files: dict, notes: Notes):
        """(key, (name, base64, line)) of an image the text shows; None (with a note) for
        an image the file does not carry."""
        if src.startswith("data:"):
            found = re.fullmatch(r"data:image/([a-z0-9.+-]{1,20});base64,(.*)", src, re.DOTALL)
            if found:
                name = f"image.{found[1].split('+')[0]}"
                return hashlib.sha256(src.encode()).hexdigest(), (name, found[2], None)
        elif src.startswith(PLUGINFILE):
            path = "/" + unquote(src[len(PLUGINFILE) :]).strip("/")
            file = files.get(path) or files.get(path.lstrip("/"))
            if file is None:
                file = next((f for key, f in files.items() if key.endswith(path)), None)
            if file is not None:
                return id(file), (file.attrs.get("name", "image"), file.text, file.line)
            notes.add(_("The image %(name)s is not in the file and was left out.", name=path[1:]))
            return None
        notes.add(
            _(
                "An image linked from the web was left out: only images inside the file are"
                " imported."
            )
        )
        return None

    def _store(self, name: str, encoded: str, line: int | None) -> str:
        if self.media_bytes + len(encoded) * 3 // 4 > MAX_MEDIA_BYTES:
            message = _("The images in the file add up to more than 6 MB; use smaller images.")
            raise Stop(line or 1, message)
        try:
            data = base64.b64decode(encoded)
        except (binascii.Error, ValueError):
            message = _("The image %(name)s in the file is not valid base64.", name=name)
            raise Invalid(line or 1, message) from None
        self.media_bytes += len(data)
        media = self.result.media
        if not SAFE_NAME.fullmatch(name) or media.get(name, data) != data:
            stem, _dot, extension = name.rpartition(".")
            extension = extension.lower() if re.fullmatch(r"[A-Za-z0-9]{1,5}", extension) else "bin"
            stem = slugify(stem or name)[:40] or "image"
            name = f"{stem}-{hashlib.sha256(data).hexdigest()[:12]}.{extension}"
        media[name] = data
        return name

    # --- ids, cases --------------------------------------------------------------------------

    def _finish(self, count: int) -> None:
        result = self.result
        case_ids = assign_ids([wanted for _line, wanted, _case in self.cases], prefix="case")
        for (_line, _wanted, case), given in zip(self.cases, case_ids, strict=True):
            case["id"] = given
        used = set()
        for line, _wanted, question, (how, ref) in self.questions:
            case = case_ids[ref] if how == "index" and ref is not None else ref
            if case is not None and case not in case_ids:
                message = _(
                    "The integrity-hour comment names the case %(case)s, which no description"
                    " in the file has.",
                    case=case,
                )
                result.errors.append(Problem(line, message))
            elif case is not None:
                question["case"] = case
                used.add(case)
        for line, _wanted, case in self.cases:
            if case["id"] not in used:
                message = _(
                    "This description is not followed by a question, so no case study was"
                    " made of it."
                )
                result.notes.append(Problem(line, message))
        result.cases = [case for _line, _wanted, case in self.cases if case["id"] in used]
        ids = assign_ids([wanted for _line, wanted, _question, _case in self.questions])
        for (_line, _wanted, question, _case), given in zip(self.questions, ids, strict=True):
            question["id"] = given
            result.questions.append(_ordered(question))
        result.notes.sort(key=lambda problem: problem.line)
        if not count and not result.errors:
            result.errors.append(nothing_found())


def _wanted(name: str) -> str | None:
    return (name if ID_PATTERN.fullmatch(name) else slugify(name)) or None


def _ordered(question: dict) -> dict:
    """Keys in the curriculum's order."""
    order = ("id", "type", "text", "image", "case", "options", "keep_order", "answer")
    order += ("items", "categories", "explanation", "source", "time_limit", "points")
    return {key: question[key] for key in order if key in question}
