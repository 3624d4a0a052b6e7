"""Builds the shipped Word template (data/bao_cao_quy.docx) in the Decree 30/2020 format.

The template is a normal .docx with docxtpl tags: users may open it in Word, restyle it and
upload their own version, keeping the tags. Run `ansinh build_report_template` to rebuild it.
"""

from ansinh.core import decree30
from ansinh.core.decree30 import add_line

# An empty number leaves a blank before “/BC-…” for the clerk (the builder's `number_line`).
NUMBER = "Số: {{ header.number or '" + decree30.HAND_FILLED + "' }}/{{ header.number_suffix }}"


def build_template(path):
    document = decree30.new_document()
    style = decree30.styles(document)
    style["part"] = decree30.add_style(
        document,
        "AS Phan",
        14,
        bold=True,
        align=decree30.JUSTIFY,
        indent=decree30.INDENT,
        before=6,
        keep_with_next=True,
    )
    decree30.page_number_header(document.sections[0], style["page"])
    decree30.header(
        document,
        style,
        "{{ header.parent_agency|upper }}",
        "{{ header.agency|upper }}",
        NUMBER,
        "{{ header.date_text }}",
    )

    add_line(document, "BÁO CÁO", style["type"])
    add_line(document, "{{ header.summary }}", style["summary"])
    add_line(document, "{%p for part in parts %}", style["body"])
    add_line(document, "{{ part.heading }}", style["part"])
    add_line(document, "{%p for section in part.sections %}", style["body"])
    add_line(document, "{{ section.number }}. {{ section.title }}", style["heading"])
    add_line(document, "{%p for paragraph in section.paragraphs %}", style["body"])
    add_line(document, "{{ paragraph }}", style["body"])
    add_line(document, "{%p endfor %}", style["body"])
    add_line(document, "{%p endfor %}", style["body"])
    add_line(document, "{%p endfor %}", style["body"])

    add_line(document, "", style["body"])
    recipients = ["{%p for recipient in recipients %}", "- {{ recipient }}", "{%p endfor %}"]
    signature = decree30.Signature(
        "{{ signer.authority|upper }}", "{{ signer.title|upper }}", "{{ signer.name }}"
    )
    decree30.closing(document, style, recipients, signature)
    document.save(path)
