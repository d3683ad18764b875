"""Curriculum questions as the text-only formats (CSV, GIFT, Aiken) carry them: without
pictures, which travel in YAML and Moodle XML."""


def without_pictures(question: dict) -> dict:
    plain = {key: value for key, value in question.items() if key != "image"}
    if "options" in question:
        plain["options"] = [
            {key: value for key, value in option.items() if key != "image"}
            for option in question["options"]
        ]
    return plain
