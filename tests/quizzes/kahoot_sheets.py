"""Kahoot quiz sheets written with openpyxl in the layout of Kahoot's "Quiz template": a
title and instructions in column B (rows 2-6), the header on row 8 (B to H, Kahoot's
purple, a drop-down of the allowed time limits on G), then a numbered question a row.

``python -m tests.quizzes.kahoot_sheets`` writes the committed fixture
tests/quizzes/files/kahoot-template.xlsx from TEMPLATE_ROWS.
"""

import io
from pathlib import Path

import openpyxl
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from app.quizzes.interchange.kahoot import HEADER_ROW, HEADERS

FILES = Path(__file__).parent / "files"
TEMPLATE = FILES / "kahoot-template.xlsx"

# (question, answers 1-4, time limit, correct answer(s)) as a teacher types them: numbers
# and text mixed as Excel and Google Sheets keep them, a blank row, a line break in a cell.
TEMPLATE_ROWS = [
    ("Что такое взятка?", "Подарок другу", "Деньги за решение", "Зарплата", "Премия", 20, 2),
    (
        "Что из этого — конфликт интересов?",
        "Нанять брата",
        "Объявить подарок",
        "Оценивать своего ребёнка",
        None,
        30,
        "1,3",
    ),
    ("Списывать на экзамене честно.", "Верно", "Неверно", None, None, 10, 2),
    ("Куда сообщить о взятке?", "В 1424", "Никому", "Соседу", None, "60", "1"),
    ("Сколько стоит звонок в 1424?", "Бесплатно", "100 тенге", None, None, 240, 1.0),
    None,  # a blank row between questions is skipped
    (
        "Что помогает честности?",
        "Открытые закупки",
        "Тайные сделки",
        "Отчёты",
        "Контроль",
        5,
        "1, 3, 4",
    ),
    (
        "Прочитай ситуацию:\nучитель просит подарок за оценку.",
        "Это взятка",
        "Это нормально",
        None,
        None,
        90,
        1,
    ),
    ("Кто может стать волонтёром?", "Любой желающий", "Только взрослые", None, None, None, 1),
    ("Сколько направлений у волонтёров?", "Два", "Три", "Четыре", None, 120, "3"),
]


def template(rows, *, title="Integrity Hour", header=True, first_column=2) -> bytes:
    """A sheet in Kahoot's layout holding `rows` (each as in TEMPLATE_ROWS, or None for a
    blank row) from row 9; `first_column` 1 puts the question in A (no number column)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Sheet1"
    sheet["B2"] = "Quiz template"
    sheet["B2"].font = Font(bold=True, size=14)
    sheet["B3"] = title
    sheet["B4"] = "Questions up to 120 characters, answers up to 75; several correct: 1,3."
    sheet["B5"] = "The example below is yours to replace."
    sheet["B6"] = "Save as .xlsx before you upload."
    if header:
        for offset, name in enumerate(HEADERS):
            cell = sheet.cell(row=HEADER_ROW, column=first_column + offset, value=name)
            cell.font = Font(bold=True, color="FFFFFF")
            cell.fill = PatternFill("solid", fgColor="46178F")
    times = DataValidation(type="list", formula1='"5,10,20,30,60,90,120,240"', allow_blank=True)
    sheet.add_data_validation(times)
    times.add(f"G{HEADER_ROW + 1}:G{HEADER_ROW + 600}")
    for index, cells in enumerate(rows, start=1):
        row = HEADER_ROW + index
        if cells is None:
            continue
        if first_column > 1:
            sheet.cell(row=row, column=1, value=index)
        for offset, value in enumerate(cells):
            if value is not None:
                cell = sheet.cell(row=row, column=first_column + offset, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"  # text, even "=..."
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


if __name__ == "__main__":
    TEMPLATE.write_bytes(template(TEMPLATE_ROWS))
    print(f"wrote {TEMPLATE} ({TEMPLATE.stat().st_size} bytes)")
