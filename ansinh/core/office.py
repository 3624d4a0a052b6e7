"""Office documents: PDF through LibreOffice headless, shared by every app that prints."""

import shutil
import subprocess
import tempfile
from pathlib import Path


class DocumentError(Exception):
    """The document could not be produced; the message is for the user. Nothing was written."""


def soffice():
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx_bytes, timeout=180):
    """PDF bytes through LibreOffice headless; DocumentError when it is missing or fails."""
    binary = soffice()
    if not binary:
        raise DocumentError(
            "Máy chủ chưa cài LibreOffice nên chưa tạo được tệp PDF; tệp Word vẫn dùng được."
        )
    with tempfile.TemporaryDirectory(prefix="ansinh-pdf-") as folder:
        source = Path(folder) / "van-ban.docx"
        source.write_bytes(docx_bytes)
        profile = Path(folder) / "profile"
        command = [
            binary,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            folder,
            str(source),
        ]
        try:
            subprocess.run(command, check=True, capture_output=True, timeout=timeout)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
            raise DocumentError(f"LibreOffice không chuyển được sang PDF: {error}.") from error
        result = Path(folder) / "van-ban.pdf"
        if not result.exists():
            raise DocumentError("LibreOffice không tạo ra tệp PDF.")
        return result.read_bytes()
