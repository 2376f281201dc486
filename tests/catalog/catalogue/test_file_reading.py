"""Files as spreadsheets save them: any of the usual encodings and delimiters, Title-Case headers; what
cannot be read for sure is an error naming the file, the row and the field."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from catalog.catalogue.file_reading import read_listing_file
from catalog.catalogue.import_report import ImportFailed
from catalog.catalogue.listing_vocabulary import default_vocabulary

VOCABULARY = default_vocabulary()
LISTING = ("Partner,Course Title,Skills,Review Count,Level,Price\n"
           "École Polytechnique,Données et IA,\"Python, SQL\",\"16,400\",Mixed,\"39,99 €\"\n")
EXPECTED = {"provider": "École Polytechnique", "title": "Données et IA", "skills": "Python, SQL",
            "review_count": "16,400", "level": "Mixed", "cost": "39,99 €"}


def write(tmp_path: Path, data: bytes, name: str = "listing.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("encode", "encoding"),
    [
        (lambda t: t.encode("utf-8"), "utf-8"),
        (lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), "utf-8-sig"),
        (lambda t: t.encode("utf-16"), "utf-16"),  # with a BOM, as Excel's "Unicode text"
        (lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), "utf-16"),
        (lambda t: t.encode("utf-16-le"), "utf_16_le"),  # no BOM: used to crash the importer
        (lambda t: t.encode("utf-16-be"), "utf_16_be"),
    ],
)
def test_utf8_and_utf16_with_or_without_bom_are_read(tmp_path: Path, encode, encoding: str) -> None:
    rows = read_listing_file(write(tmp_path, encode(LISTING)), VOCABULARY)
    assert rows.encoding == encoding
    assert [r.data for r in rows.credentials] == [EXPECTED]


def test_an_8_bit_file_is_refused_with_a_guess_and_read_when_its_encoding_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, LISTING.encode("cp1252"))
    with pytest.raises(ImportFailed) as err:
        read_listing_file(path, VOCABULARY)
    assert "listing.csv, field '(file)': not UTF-8" in str(err.value)
    assert "--encoding" in str(err.value)
    rows = read_listing_file(path, VOCABULARY, encoding="cp1252")
    assert [r.data for r in rows.credentials] == [EXPECTED]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x00\x01\x02\xff" * 50, "not a text file"),
        (b"Partner,Title\nA,B\x00C\n", "not a text file"),
        (codecs.BOM_UTF8 + b"\xff\xfe\xfa", "starts like utf-8-sig but is not"),
    ],
)
def test_binary_or_broken_files_are_refused(tmp_path: Path, data: bytes, message: str) -> None:
    with pytest.raises(ImportFailed) as err:
        read_listing_file(write(tmp_path, data), VOCABULARY)
    assert message in str(err.value)


def test_an_unknown_encoding_name_is_reported(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed) as err:
        read_listing_file(write(tmp_path, b"a,b\n"), VOCABULARY, encoding="klingon")
    assert "unknown encoding 'klingon'" in str(err.value)


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_the_delimiter_is_sniffed(tmp_path: Path, delimiter: str) -> None:
    text = (f"Partner{delimiter}Course Title{delimiter}Skills\n"
            f"Google{delimiter}\"Data, Really; Truly\"{delimiter}\"SQL, Python\"\n")
    rows = read_listing_file(write(tmp_path, text.encode()), VOCABULARY)
    assert rows.delimiter == delimiter
    assert rows.credentials[0].data == {"provider": "Google", "title": "Data, Really; Truly", "skills": "SQL, Python"}


def test_excels_sep_line_names_the_delimiter(tmp_path: Path) -> None:
    rows = read_listing_file(write(tmp_path, b"sep=;\nPartner;Course Title\nGoogle;Data\n"), VOCABULARY)
    assert rows.delimiter == ";"
    assert [(r.row, r.data) for r in rows.credentials] == [(3, {"provider": "Google", "title": "Data"})]


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Review Count", "review_count"),
        ("review_count", "review_count"),
        ("REVIEW-COUNT", "review_count"),
        ("Partner", "provider"),
        ("Organization", "provider"),
        ("University", "provider"),
        ("Course Title", "title"),
        ("Name", "title"),
        ("Certificate Type", "type"),
        ("Course URL", "url"),
        ("Link", "url"),
        ("Skills", "skills"),
        ("Skills You'll Gain", "skills"),
    ],
)
def test_title_case_spaced_and_alias_headers_are_accepted(tmp_path: Path, header: str, field: str) -> None:
    rows = read_listing_file(write(tmp_path, f"{header}\nvalue\n".encode()), VOCABULARY)
    assert rows.credentials[0].data == {field: "value"}


def test_a_duplicate_header_names_both_columns(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed) as err:
        read_listing_file(write(tmp_path, b"Partner,Title,University\nA,B,C\n"), VOCABULARY)
    assert ("listing.csv, row 1, field 'University': duplicate column: 'Partner' and 'University' both give "
            "'provider'") in str(err.value)


def test_an_unknown_column_is_an_error_and_a_known_extra_one_a_warning(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed) as err:
        read_listing_file(write(tmp_path, b"Title,Colour\nA,red\n"), VOCABULARY)
    assert "listing.csv, row 1, field 'Colour': unknown column" in str(err.value)
    rows = read_listing_file(write(tmp_path, b"Title,Description\nA,about it\n"), VOCABULARY)
    assert rows.credentials[0].data == {"title": "A"}
    assert "not imported, the catalogue has no field for them: Description" in str(rows.warnings[0])


def test_rows_wider_than_the_header_and_values_under_no_header_are_row_errors(tmp_path: Path) -> None:
    rows = read_listing_file(write(tmp_path, b"Title,Skills,\nA,SQL,\nB,SQL,oops\nC,SQL,,extra\n"), VOCABULARY)
    assert [r.issues for r in rows.credentials][0] == ()
    assert "listing.csv, row 3, field '(column 3)': a value in a column with no header" in str(
        rows.credentials[1].issues[0])
    assert "listing.csv, row 4, field '(row)': more values than header columns" in str(rows.credentials[2].issues[0])


def test_blank_lines_are_skipped_and_rows_keep_their_spreadsheet_numbers(tmp_path: Path) -> None:
    rows = read_listing_file(write(tmp_path, b"\nTitle\n\nA\n \n\"B\nwith a line break\"\nC\n"), VOCABULARY)
    assert [(r.row, r.data["title"]) for r in rows.credentials] == [(4, "A"), (6, "B\nwith a line break"), (7, "C")]


def test_a_cell_too_long_for_csv_names_the_row(tmp_path: Path) -> None:
    data = b"Title\nA\n\"" + b"x" * 200_000 + b"\"\n"
    with pytest.raises(ImportFailed) as err:
        read_listing_file(write(tmp_path, data), VOCABULARY)
    assert "listing.csv, row 3, field '(row)': cannot read as CSV" in str(err.value)


@pytest.mark.parametrize("name", ["listing.xlsx", "listing.pdf"])
def test_other_file_types_are_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(ImportFailed) as err:
        read_listing_file(write(tmp_path, b"PK\x03\x04", name), VOCABULARY)
    assert "use a .csv, .json, .yaml or .yml file" in str(err.value)


def test_a_tab_separated_unicode_text_export_is_read(tmp_path: Path) -> None:
    text = ("Partner\tCourse Title\tSkills\tReview Count\tLevel\tPrice\n"
            "École Polytechnique\tDonnées et IA\tPython, SQL\t16,400\tMixed\t39,99 €\n")
    rows = read_listing_file(write(tmp_path, text.encode("utf-16"), "export.txt"), VOCABULARY)
    assert rows.delimiter == "\t"
    assert rows.credentials[0].data["skills"] == "Python, SQL"
