#!/usr/bin/env python3
"""report_read.py: reads a report back independently of cccd, for tests/cli/report.t.

  report_read.py csv FILE          one line per data row: "CODE NAME: column=value ..." (the
                                   English header line names the columns); checks the BOM,
                                   the CRLF line ends and that every value is an integer
  report_read.py xlsx FILE CELL... each cell as "CELL=value" (shared strings resolved, numbers
                                   as written) with "#,##0" when its style has that format and
                                   "bold" when its font is bold; then "frozen=ROWSxCOLS"

Only the standard library: csv, zipfile and xml.etree.
"""
import csv
import io
import sys
import xml.etree.ElementTree as ET
import zipfile

M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def read_csv(path):
    raw = open(path, "rb").read()
    if not raw.startswith(b"\xef\xbb\xbf"):
        sys.exit("no byte order mark")
    text = raw[3:].decode("utf-8")
    if "\n" in text.replace("\r\n", ""):
        sys.exit("a line does not end with CRLF")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    vi, en, data = rows[0], rows[1], rows[2:]
    print("headings:", " | ".join(vi))
    for r in data:
        if len(r) != len(en):
            sys.exit("row of %d fields, header of %d" % (len(r), len(en)))
        vals = " ".join("%s=%d" % (en[i], int(r[i])) for i in range(2, len(r)))
        print("%s %s: %s" % (r[0], r[1], vals))


def read_xlsx(path, cells):
    z = zipfile.ZipFile(path)
    strings = [
        "".join(t.text or "" for t in si.iter(M + "t"))
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall(M + "si")
    ]
    styles = ET.fromstring(z.read("xl/styles.xml"))
    numfmts = {n.get("numFmtId"): n.get("formatCode") for n in styles.iter(M + "numFmt")}
    fonts = styles.find(M + "fonts").findall(M + "font")
    xfs = styles.find(M + "cellXfs").findall(M + "xf")
    sheet = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
    found = {}
    for c in sheet.iter(M + "c"):
        v = c.find(M + "v")
        if v is None:
            continue
        value = strings[int(v.text)] if c.get("t") == "s" else v.text
        tags = []
        xf = xfs[int(c.get("s", "0"))]
        if numfmts.get(xf.get("numFmtId")) == "#,##0" or xf.get("numFmtId") == "3":
            tags.append("#,##0")
        if fonts[int(xf.get("fontId", "0"))].find(M + "b") is not None:
            tags.append("bold")
        found[c.get("r")] = value + "".join(" [%s]" % t for t in tags)
    for cell in cells:
        print("%s=%s" % (cell, found.get(cell, "(empty)")))
    pane = sheet.find(".//" + M + "pane")
    if pane is not None and pane.get("state") == "frozen":
        print("frozen=%sx%s" % (pane.get("ySplit"), pane.get("xSplit")))


if __name__ == "__main__":
    if sys.argv[1] == "csv":
        read_csv(sys.argv[2])
    else:
        read_xlsx(sys.argv[2], sys.argv[3:])
