#!/usr/bin/env python3
"""Writes the malformed-input corpus (byte-exact: CRLF, BOM, invalid UTF-8 and NUL bytes are intended).
The 10 MB single-field case is generated inside MalformedInputTests, not committed.
Reference epoch seconds in the tests come from: int(datetime.fromisoformat(s).timestamp()) with an explicit
offset, e.g. 2025-03-04T09:30:00+00:00 -> 1741080600."""
files = {
    "valid_crlf_bom_embedded_newline.csv": b'\xef\xbb\xbfid,Score,count,when,group,note\r\np1,1.5,3,2025-03-04T09:30:00,A,"line one\r\nline two"\r\np2,,,,,""\r\n"p,3","2.25",4.0,2025-03-05,b,"say ""hi"""\r\n\r\np4,-0.5,0,2025-03-06T10:00:00+01:00,a,plain\r\n',
    "unterminated_quote.csv": b'id,score\np1,1\np2,"open\np3,2\n',
    "malformed_quote.csv": b'id,score\np1,1\np2,2a"b\np3,3\n',
    "ragged_rows.csv": b'id,score\np1,1\np2,2,extra\np3\np4,4\n',
    "empty.csv": b'',
    "header_only.csv": b'id,score\n',
    "invalid_utf8.csv": b'id,score\np1,1\np\xff\xfe2,2\n',
    "binary_garbage.csv": b'id,score\np1,1\n\x00\x01\x02\x03\xff garbage \x00\x10\n',
    "nan_in_numeric.csv": b'id,score\np1,NaN\np2,inf\np3,-Infinity\np4,abc\np5,2.5\n',
    "duplicate_headers.csv": b'id,score,Score\np1,1,2\n',
    "impossible_date.csv": b'id,when\np1,2026-02-30\np2,2024-02-29T08:00\np3,2025-03-04T25:00\np4,03/04/2025\n',
}
for name, data in files.items():
    with open(name, "wb") as f:
        f.write(data)
