"""Read the O*NET database files, checking them as we go.

Each reader names the file and line of anything unexpected: a missing file, a header that
is not O*NET's, a row with the wrong number of columns (a truncated file), a malformed
O*NET-SOC code, a value outside its scale.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

SOC = re.compile(r"^\d{2}-\d{4}\.\d{2}$")


class OnetFileError(ValueError):
    """A problem in an input file, with its place."""

    def __init__(self, path: Path, line: int, message: str):
        self.path, self.line = path, line
        super().__init__(f"{path}:{line}: {message}" if line else f"{path}: {message}")


def read_tsv(folder: Path, name: str, columns: list[str]):
    """Yield (line number, row dict) from an O*NET tab-separated file with this exact header."""
    path = folder / name
    if not path.is_file():
        raise OnetFileError(path, 0, "missing; expected the O*NET 29.2 text file of this name")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise OnetFileError(path, 0, f"not UTF-8 text (byte {exc.start})") from None
    lines = text.splitlines()
    if not lines:
        raise OnetFileError(path, 1, f"empty; expected a header line: {' | '.join(columns)}")
    header = lines[0].split("\t")
    if header != columns:
        raise OnetFileError(path, 1, f"header {' | '.join(header)!r} is not the expected {' | '.join(columns)!r}")
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) != len(columns):
            raise OnetFileError(path, number, f"found {len(cells)} tab-separated column(s), expected "
                                              f"{len(columns)} ({', '.join(columns)}); is the file truncated?")
        row = dict(zip(columns, (c.strip() for c in cells)))
        for key in ("O*NET-SOC Code", "Related O*NET-SOC Code"):
            if key in row and not SOC.match(row[key]):
                raise OnetFileError(path, number, f"{key} {row[key]!r} is not an O*NET-SOC code like 15-2051.00")
        yield number, row


def read_xlsx(folder: Path, name: str, columns: list[str]):
    """Yield (row number, row dict) from an O*NET Excel file whose first row holds these columns."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException
    from zipfile import BadZipFile

    path = folder / name
    if not path.is_file():
        raise OnetFileError(path, 0, "missing; expected the O*NET 29.2 Excel file of this name")
    try:
        workbook = load_workbook(path, read_only=True)
    except (BadZipFile, InvalidFileException, KeyError, OSError) as exc:
        raise OnetFileError(path, 0, f"not a readable .xlsx workbook ({exc})") from None
    try:
        rows = workbook.active.iter_rows(values_only=True)
        header = list(next(rows, ()))
        if header[: len(columns)] != columns:
            raise OnetFileError(path, 1, f"header {header[:len(columns)]!r} is not the expected {columns!r}")
        for number, values in enumerate(rows, start=2):
            row = dict(zip(columns, values))
            if not SOC.match(str(row["O*NET-SOC Code"] or "")):
                raise OnetFileError(path, number, f"O*NET-SOC Code {row['O*NET-SOC Code']!r} is not a code "
                                                  "like 15-2051.00")
            yield number, row
    finally:
        workbook.close()


@dataclass
class OnetData:
    occupations: dict[str, tuple[str, str]] = field(default_factory=dict)  # soc -> (title, description)
    alternate_titles: dict[str, list[str]] = field(default_factory=dict)
    technologies: dict[str, list[tuple[str, str, str, bool, bool]]] = field(default_factory=dict)
    # soc -> [(example, commodity code, commodity title, hot, in demand)]
    related: dict[str, list[str]] = field(default_factory=dict)  # soc -> Primary-Short related socs, in order
    job_zones: dict[str, int] = field(default_factory=dict)
    job_zone_names: dict[int, str] = field(default_factory=dict)
    ratings: dict[str, list[tuple[str, str, str, float]]] = field(default_factory=dict)
    # soc -> [(domain "skill"/"knowledge", element id, element name, importance)]
    element_descriptions: dict[str, str] = field(default_factory=dict)


def _flag(path: Path, line: int, column: str, value: str) -> bool:
    if value not in ("Y", "N"):
        raise OnetFileError(path, line, f"{column} is {value!r}, expected Y or N")
    return value == "Y"


def _known_soc(data: OnetData, folder: Path, name: str, line: int, soc: str) -> None:
    if soc not in data.occupations:
        raise OnetFileError(folder / name, line, f"O*NET-SOC code {soc} is not in Occupation Data.txt")


def read_onet(folder: str | Path, min_importance: float = 3.0) -> OnetData:
    folder = Path(folder)
    data = OnetData()
    for _, row in read_tsv(folder, "Occupation Data.txt", ["O*NET-SOC Code", "Title", "Description"]):
        data.occupations[row["O*NET-SOC Code"]] = (row["Title"], row["Description"])
    name = "Alternate Titles.txt"
    for line, row in read_tsv(folder, name, ["O*NET-SOC Code", "Alternate Title", "Short Title", "Source(s)"]):
        _known_soc(data, folder, name, line, row["O*NET-SOC Code"])
        titles = data.alternate_titles.setdefault(row["O*NET-SOC Code"], [])
        for title in (row["Alternate Title"], row["Short Title"]):
            if title and title != "n/a" and title not in titles:
                titles.append(title)
    name = "Technology Skills.txt"
    for line, row in read_tsv(folder, name, ["O*NET-SOC Code", "Example", "Commodity Code", "Commodity Title",
                                             "Hot Technology", "In Demand"]):
        _known_soc(data, folder, name, line, row["O*NET-SOC Code"])
        data.technologies.setdefault(row["O*NET-SOC Code"], []).append((
            row["Example"], row["Commodity Code"], row["Commodity Title"],
            _flag(folder / name, line, "Hot Technology", row["Hot Technology"]),
            _flag(folder / name, line, "In Demand", row["In Demand"])))
    name = "Related Occupations.txt"
    for line, row in read_tsv(folder, name, ["O*NET-SOC Code", "Related O*NET-SOC Code", "Relatedness Tier", "Index"]):
        _known_soc(data, folder, name, line, row["O*NET-SOC Code"])
        _known_soc(data, folder, name, line, row["Related O*NET-SOC Code"])
        if row["Relatedness Tier"] == "Primary-Short":
            data.related.setdefault(row["O*NET-SOC Code"], []).append(row["Related O*NET-SOC Code"])
    name = "Job Zones.txt"
    for line, row in read_tsv(folder, name, ["O*NET-SOC Code", "Job Zone", "Date", "Domain Source"]):
        _known_soc(data, folder, name, line, row["O*NET-SOC Code"])
        if row["Job Zone"] not in ("1", "2", "3", "4", "5"):
            raise OnetFileError(folder / name, line, f"Job Zone is {row['Job Zone']!r}, expected 1 to 5")
        data.job_zones[row["O*NET-SOC Code"]] = int(row["Job Zone"])
    for _, row in read_tsv(folder, "Job Zone Reference.txt", ["Job Zone", "Name", "Experience", "Education",
                                                               "Job Training", "Examples", "SVP Range"]):
        data.job_zone_names[int(row["Job Zone"])] = row["Name"]
    for _, row in read_tsv(folder, "Content Model Reference.txt", ["Element ID", "Element Name", "Description"]):
        data.element_descriptions[row["Element ID"]] = row["Description"]
    columns = ["O*NET-SOC Code", "Title", "Element ID", "Element Name", "Scale ID", "Scale Name", "Data Value",
               "N", "Standard Error", "Lower CI Bound", "Upper CI Bound", "Recommend Suppress"]
    for domain, name in (("skill", "Skills.xlsx"), ("knowledge", "Knowledge.xlsx")):
        for line, row in read_xlsx(folder, name, columns):
            if row["Scale ID"] != "IM" or row["Recommend Suppress"] == "Y":
                continue
            _known_soc(data, folder, name, line, row["O*NET-SOC Code"])
            value = row["Data Value"]
            if not isinstance(value, (int, float)) or not 1 <= value <= 5:
                raise OnetFileError(folder / name, line, f"importance {value!r} is not a number from 1 to 5")
            if value >= min_importance:
                data.ratings.setdefault(row["O*NET-SOC Code"], []).append(
                    (domain, row["Element ID"], row["Element Name"], round(float(value), 2)))
    return data
