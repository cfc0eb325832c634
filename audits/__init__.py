"""The audits app: reading an already-published disclosure back and finding every figure that disagrees.

A new capability with its own home, apart from ``disclosures`` (which authors documents): the input
is a document the portal did not write — a PDF with a text layer, a .txt or a .docx, typed by hand
years ago — and the output is a list of findings, each placed on a page, a table and row or a
sentence, quoting the printed value beside what the document's own figures give.

    reading/     the file → blocks of text lines and table grids, with page numbers
    structure    blocks → the document: title, sections, sentences, printed tables with their 单位
    printed      a printed table: header columns from merged cells, body rows, sides, codes
    figures      printed figures and the precision they were printed at (rounding is never an error)
    claims       what a sentence states: amount, change, last year, rate, share
    layouts      the one adapter to the layout declarations (which tables and sections a layout has)
    checks/      the audit rules, pure functions returning every finding (``findings``)
    audit        one file audited; ``report`` shows it as text, JSON, HTML, and a batch as XLSX
    conversion   printed tables → ``disclosures.snapshot.DisclosureData`` (cross-table rules, import)
    importing    an audited document as a disclosure, or as last year's figures of one
    batch, jobs  a folder or zip of documents, one summary, run on Celery (``tasks``) with progress
    models, views, forms, urls   the reviewers' pages (bureau staff only)
"""
