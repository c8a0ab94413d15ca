"""Worksheets read as the import's CSV reader reads a file: rows of text (openpyxl)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import IO, Any

from plantrack.errors import ValidationError, quoted
from plantrack.i18n import say

# Excel counts days from 1899-12-30 (its day 60 is the 29 February 1900 that never was).
_EXCEL_EPOCH = date(1899, 12, 30)


class SheetReader:
    """A worksheet's rows as the csv reader gives them: lists of text, ``line_num`` the
    row number. Numbers become their decimal text, dates ISO dates; a number in the date
    column is an Excel serial date (a date cell Excel lost its format on); a cell shown
    as a percentage (0.0205 shown 2.05%) is the percentage (2.05)."""

    def __init__(self, stream: IO[bytes], name: str, sheet: str | None) -> None:
        import openpyxl  # reading only; the exports write with XlsxWriter

        self.name = name
        data = stream if stream.seekable() else io.BytesIO(stream.read())
        if data.read(8).startswith(b"\xd0\xcf\x11\xe0"):  # OLE: an old .xls or encrypted
            raise ValidationError(say("err.at", where=name, what=say("err.import.xls")))
        data.seek(0)
        try:
            book = openpyxl.load_workbook(data, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises what its zip and XML readers raise
            raise self._unreadable(exc) from None
        if sheet is not None and sheet not in book.sheetnames:
            sheets = ", ".join(map(repr, book.sheetnames))
            raise ValidationError(say("err.at", where=name, what=say(
                "err.import.no_sheet", sheet=repr(sheet), sheets=sheets)))  # fmt: skip
        try:
            ws = book[sheet] if sheet is not None else book.worksheets[0]
        except (IndexError, KeyError):
            raise ValidationError(say("err.at", where=name,
                                      what=say("err.import.no_worksheet"))) from None  # fmt: skip
        if not hasattr(ws, "iter_rows"):  # a chart sheet
            raise ValidationError(say("err.at", where=name, what=say(
                "err.import.chart_sheet", sheet=repr(ws.title))))  # fmt: skip
        self._ws: Any = ws
        self._rows: Iterator[Any] | None = None
        self.line_num = 0
        self.dates = -1  # the date column, once the header is read
        self.width = 0  # the header's width, once it is read

    def _unreadable(self, exc: Exception) -> ValidationError:
        error = f"{type(exc).__name__}: {quoted(str(exc))}"  # the library's own words
        return ValidationError(say("err.at", where=self.name,
                                   what=say("err.import.unreadable_xlsx", error=error)))

    def __iter__(self) -> SheetReader:
        return self

    def __next__(self) -> list[str]:
        if self._rows is None or (self.line_num == 1 and self.width):
            # the header row alone, then the rest no wider than the header: a stray cell
            # far to the right must not make every row 16,384 cells wide
            self._rows = (self._ws.iter_rows(min_row=1, max_row=1) if self.line_num == 0
                          else self._ws.iter_rows(min_row=2, max_col=self.width))  # fmt: skip
        try:
            cells = next(self._rows)
        except StopIteration:
            raise
        except Exception as exc:  # a sheet's XML is read row by row, as it is iterated
            raise self._unreadable(exc) from None
        self.line_num += 1
        texts = [self._text(i, c) for i, c in enumerate(cells)]
        if self.width:  # a sheet's rows end where their last value is: as wide as the header
            while len(texts) > self.width and not texts[-1]:
                texts.pop()
            texts += [""] * (self.width - len(texts))
        return texts

    def _text(self, column: int, cell: Any) -> str:
        value = getattr(cell, "value", None)
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, datetime):
            return value.date().isoformat()
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, int | float):
            if column == self.dates and 1 <= value < 2_958_466 and int(value) != 60:
                # a serial up to 9999-12-31; before 1900-03-01 Excel counts a 29 February
                # 1900 that never was (its day 60), so those days start a day later
                epoch = _EXCEL_EPOCH if value >= 61 else _EXCEL_EPOCH + timedelta(days=1)
                return (epoch + timedelta(days=int(value))).isoformat()
            # Excel keeps 15 significant digits: 0.1 + 0.2 is the 0.3 it shows
            number = Decimal(f"{value:.15g}") if isinstance(value, float) else Decimal(value)
            if "%" in (getattr(cell, "number_format", "") or ""):
                number *= 100
            return format(number.normalize(), "f")
        return str(value)
