"""The quarterly delivery for the Statistiek Wet Inburgering (domain.md §9): per gemeente and
quarter, the per-person records of what happened (``records``), checked for completeness
(``completeness``), written in the file format of ``cbs`` and released by the contactpersoon
(``services``)."""
