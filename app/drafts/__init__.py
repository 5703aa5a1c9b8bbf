"""UN individual communications drafted from a case's timeline (DOMAIN.md §7).

Plain Python like the engine: ``builder`` turns a case into a Draft (sections of numbered
paragraphs with their sources), ``admissibility`` says what stands in the way, and the
renderers write it as DOCX or HTML. The app only gathers the inputs and keeps versions.
"""
