"""Benchmark: 1.000 merit decisions as Word documents (Decree 30/2020 format, each with its
36-month table of differences), zipped as the batch job does. Goal (issue 6): under 60 s.
Also prints the XLSX summary and the combined PDF (LibreOffice) of the same job, for reference.
    python bench/merit_decisions.py [DECISIONS]
"""

import io
import sys
import time
import zipfile

COUNT = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 1_000


def main():
    from common import bench_database, engine, peak_rss_mb
    from merit_recalc import LAST, fill

    from ansinh.core.exports import workbook_bytes
    from ansinh.core.office import DocumentError, docx_to_pdf
    from ansinh.core.tests.factories import UserFactory
    from ansinh.merit import documents, recalc
    from ansinh.merit.tables import load_reference_data

    with bench_database():
        load_reference_data()
        admin = UserFactory(username="admin", role="admin", unit_code="SLDTBXH94")
        category = fill(COUNT)
        batch = recalc.compute_batch(
            recalc.start_batch(admin, category, LAST, "Bench", "Kết luận thanh tra")
        )
        recalc.approve_batch(admin, batch)
        decisions = list(
            batch.decisions.select_related(
                "record__person",
                "record__commune__parent",
                "record__category",
                "batch",
                "approved_by",
            ).order_by("number")
        )
        print(
            f"engine={engine()} decisions={len(decisions):,} (36 months each, {len(decisions[0].months)} table rows)"
        )
        begin = time.perf_counter()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for decision in decisions:
                archive.writestr(documents.file_name(decision), documents.decision_docx(decision))
        seconds = time.perf_counter() - begin
        print(
            f"  {len(decisions):,} DOCX (zip {buffer.tell() / 1e6:.1f} MB) in {seconds:.1f} s ({len(decisions) / seconds:.0f}/s)  goal < 60 s"
        )
        begin = time.perf_counter()
        workbook_bytes("Tổng hợp", documents.SUMMARY_HEADERS, documents.summary_rows(decisions))
        print(f"  XLSX summary in {time.perf_counter() - begin:.1f} s")
        begin = time.perf_counter()
        try:
            pdf = docx_to_pdf(documents.documents_docx(decisions), timeout=1800)
            print(
                f"  combined PDF ({len(pdf) / 1e6:.1f} MB) in {time.perf_counter() - begin:.1f} s"
            )
        except DocumentError as error:
            print(f"  combined PDF: {error}")
        print(f"peak memory: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
