"""Bad inputs built on the spot (nothing big is committed): hand-written PDFs and archives."""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def raw_pdf(objects: list[bytes]) -> bytes:
    """A PDF of the objects 1..n given (1 is the catalog), with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def many_pages(count: int) -> bytes:
    """A PDF of ``count`` pages sharing one content stream (a few bytes a page, built at once)."""
    content = _stream(b"BT /F1 12 Tf 72 720 Td (Page de remplissage) Tj ET")
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", HELVETICA, content]
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"
    )
    kids = b" ".join(b"%d 0 R" % (len(objects) + 1 + i) for i in range(count))
    objects[1] = b"<< /Type /Pages /Count %d /Kids [%s] >>" % (count, kids)
    objects.extend(page for _ in range(count))
    return raw_pdf(objects)


def image_bomb(side: int = 100_000) -> bytes:
    """A 2 kB PDF whose page draws a ``side`` × ``side`` grey image: 10 GB once decompressed."""
    zeros = zlib.compress(b"\0" * 1_000_000, 9)
    image = _stream(
        zeros,
        b"/Type /XObject /Subtype /Image /Width %d /Height %d "
        b"/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode" % (side, side),
    )
    content = _stream(
        b"q 500 0 0 700 40 60 cm /Im0 Do Q BT /F1 12 Tf 72 800 Td (Deliberation) Tj ET"
    )
    return image_page_pdf(image, content)


def image_page_pdf(image: bytes, content: bytes) -> bytes:
    """A one-page PDF drawing the image XObject ``image`` with the page content ``content``."""
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject "
        b"<< /Im0 4 0 R >> /Font << /F1 6 0 R >> >> /Contents 5 0 R >>"
    )
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Count 1 /Kids [3 0 R] >>",
            page,
            image,
            content,
            HELVETICA,
        ]
    )


def encrypted(pdf: bytes, password: str = "secret") -> bytes:
    """``pdf`` encrypted with a user password (it cannot be opened without it)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt(password, "owner-" + password, algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def corrupt(pdf: bytes) -> bytes:
    """A PDF header over garbage: no object, no cross-reference table."""
    return b"%PDF-1.7\n" + bytes((i * 37 + 11) % 251 for i in range(4000))


def zip_with(path: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return path
