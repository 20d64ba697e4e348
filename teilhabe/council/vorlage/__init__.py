"""The Beschlussvorlage: its content (`data`), drawn from a Bilanz, a recommendation list or a
paper, and the two documents made of it — Word for the office to finish (`render_docx`) and a
tagged PDF (`render_pdf`, Typst template next to it). The engines are the reports app's."""
