"""The letters on the dossier page: the caseload's only, like the appointments."""

from inburgering.brieven import selectors
from inburgering.dossier.sections import caseload_section

render = caseload_section(
    "brieven/dossier_section.html", lambda dossier: {"brieven": selectors.letters_of(dossier)}
)
