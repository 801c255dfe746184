"""Writing the spreadsheet templates: one CSV per table, one XLSX workbook, and a README.

Each table starts with its header, then a documentation row and an example row; both begin with
``#`` so that the importer skips them until the user replaces them. The README (a file next to the
CSVs, a sheet in the workbook) explains every column and lists every allowed value, taken from
the vocabulary's schemes so that the documentation cannot drift from what the importer accepts.
"""

import csv
import io
from pathlib import Path

from ...errors import OutputError
from ...io.files import write_atomically, write_text_atomically
from ...vocab.kinds import KIND_BY_KEY
from ..common.concepts import Choice, Vocabulary, vocabulary
from .model import KIND_KEYS, SEPARATOR, SHEETS, Sheet

TEXT_COLUMNS = {"id", "siret", "siren", "rna", "commune", "postal_code", "legal_form", "sectors", "founding_date",
                "start_date", "end_date", "telephone"}
"""Columns an XLSX template formats as text, so that leading zeros (01001) and long numbers survive."""


def allowed_values(vocab: Vocabulary) -> dict[str, list[Choice]]:
    """The lists of allowed values the columns refer to, by name.

    >>> list(allowed_values(vocabulary()))
    ['kinds', 'legal-forms', 'sectors', 'statuses', 'roles', 'support-kinds', 'themes']
    """
    return {
        "kinds": [Choice(k, KIND_BY_KEY[k].label_fr, None) for k in KIND_KEYS],
        "legal-forms": vocab.legal_forms.choices(),
        "sectors": vocab.sectors.choices(),
        "statuses": vocab.statuses.choices(),
        "roles": vocab.roles.choices(),
        "support-kinds": vocab.support_kinds.choices(),
        "themes": vocab.themes.choices(),
    }


def _rows(sheet: Sheet) -> list[list[str]]:
    descriptions = [c.description + (" (obligatoire)" if c.required else "") for c in sheet.columns]
    examples = [c.example for c in sheet.columns]
    descriptions[0], examples[0] = "# " + descriptions[0], "# " + examples[0]
    return [sheet.names, descriptions, examples]


def readme_text(vocab: Vocabulary) -> str:
    """The README written next to the templates (Markdown).

    >>> readme_text(vocabulary()).splitlines()[0]
    '# Modèles de tableaux ess-graph'
    """
    lines = [
        "# Modèles de tableaux ess-graph", "",
        "Remplissez un tableau par fichier CSV (UTF-8, séparateur virgule ou point-virgule) ou les feuilles du",
        "classeur `ess-graph.xlsx`, puis importez-les :", "",
        "    ess-graph import sheet actors.csv fundings.csv -o mes-donnees.ttl", "",
        "Une ligne dont la première cellule commence par `#` est de la documentation : l'import la laisse",
        "de côté et dit combien il en a laissé. La deuxième ligne documente chaque colonne, la troisième",
        "donne un exemple : effacez le `#` pour la garder. Ne commencez donc pas la première cellule d'une",
        f"ligne de données par `#`. Plusieurs valeurs dans une cellule se séparent par « {SEPARATOR} ».",
        "Toute erreur est signalée `fichier:ligne:colonne: problème`, toutes en une fois, et rien n'est écrit",
        "tant qu'il en reste. Réimporter le même fichier ne change rien.", "",
        "Un acteur sans `id` ni SIRET, SIREN ou numéro RNA qui porte le nom d'un nœud du graphe complète ce",
        "nœud, et l'import le signale ; s'il n'est pas de la même sorte (une ligne « Calais » de sorte",
        "`enterprise`), il est refusé : donnez-lui un `id`. Deux lignes du même acteur sont signalées.", "",
        "Un lien est reconnu à sa nature, à ses acteurs et à sa date de début (plus son programme pour un",
        "financement, son rôle pour une adhésion) : corriger son statut, sa date de fin, son montant ou son",
        "objet puis réimporter met à jour ce lien au lieu d'en ajouter un. Deux liens de même nature entre",
        "les mêmes acteurs se distinguent par leur date de début (une subvention par an) ; deux lignes du",
        "même lien sont signalées. Un lieu est reconnu à son acteur et à son nom (`label`), sinon à sa commune.",
        "",
    ]
    for sheet in SHEETS:
        lines += [f"## {sheet.key}.csv — {sheet.title}", "", sheet.description, "",
                  "| colonne | obligatoire | description | exemple |", "| --- | --- | --- | --- |"]
        lines += [f"| `{c.name}` | {'oui' if c.required else ''} | {c.description}"
                  f"{f' (valeurs : liste {c.values})' if c.values else ''} | {c.example} |" for c in sheet.columns]
        lines.append("")
    lines += ["## Valeurs autorisées", "",
              "On peut écrire la clé, le libellé (sans souci de majuscules ni d'accents) ou le code.", ""]
    for name, choices in allowed_values(vocab).items():
        lines += [f"### {name}", "", "| clé | libellé | code |", "| --- | --- | --- |"]
        lines += [f"| `{c.key}` | {c.label} | {c.notation or ''} |" for c in choices]
        lines.append("")
    lines += ["Un code NAF rév. 2 (88.99B) vaut aussi pour `sectors` ; une catégorie juridique INSEE absente de la",
              "liste est refusée : choisissez la forme la plus proche.", ""]
    return "\n".join(lines)


def _csv_text(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def _write_workbook(path: Path, vocab: Vocabulary, readme: str) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    notes = workbook.active
    notes.title = "README"
    for line in readme.splitlines():
        notes.append([line])
    notes.column_dimensions["A"].width = 120
    for sheet in SHEETS:
        table = workbook.create_sheet(sheet.key)
        for row in _rows(sheet):
            table.append(row)
        for cell in table[1]:
            cell.font = Font(bold=True)
        for cell in table[2]:
            cell.font = Font(italic=True, color="666666")
        for index, column in enumerate(sheet.columns, 1):
            letter = table.cell(row=1, column=index).column_letter
            table.column_dimensions[letter].width = max(14, len(column.name) + 4)
            if column.name in TEXT_COLUMNS:
                for row_number in range(2, 1001):
                    table.cell(row=row_number, column=index).number_format = "@"
            if column.values == "statuses":
                keys = ",".join(c.notation for c in vocab.statuses.choices() if c.notation)
                validation = DataValidation(type="list", formula1=f'"{keys}"', allow_blank=True)
                table.add_data_validation(validation)
                validation.add(f"{letter}4:{letter}1000")
    values = workbook.create_sheet("values")
    values.append(["liste", "clé", "libellé", "code"])
    for name, choices in allowed_values(vocab).items():
        for choice in choices:
            values.append([name, choice.key, choice.label, choice.notation or ""])
    workbook.save(path)


def template_paths(directory: Path | str) -> list[Path]:
    """The files :func:`write_templates` writes into ``directory``: one CSV per sheet, the README
    and the XLSX workbook.

    >>> [path.as_posix() for path in template_paths("modeles")][-2:]
    ['modeles/README.md', 'modeles/ess-graph.xlsx']
    """
    directory = Path(directory)
    return [*(directory / f"{sheet.key}.csv" for sheet in SHEETS), directory / "README.md",
            directory / "ess-graph.xlsx"]


def existing_templates(directory: Path | str) -> list[Path]:
    """The files of :func:`template_paths` that are already there: templates a user may have
    filled in, which writing the templates again would wipe out.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     _ = (Path(folder) / "README.md").write_text("mes notes", encoding="utf-8")
    ...     [path.name for path in existing_templates(folder)]
    ['README.md']
    """
    return [path for path in template_paths(directory) if path.exists() or path.is_symlink()]


def write_templates(directory: Path | str, *, replace: bool = False) -> list[Path]:
    """Write the CSV templates, the XLSX workbook and the README into ``directory``; the paths written.

    A template already there may have been filled in: unless ``replace``, nothing is written
    when one of the files exists (an :class:`~ess_graph.errors.OutputError` names the first).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     [path.name for path in write_templates(folder)][-2:]
    ...     try:
    ...         write_templates(folder)
    ...     except OutputError as exc:
    ...         print(str(exc).split("/")[-1])
    ...     len(write_templates(folder, replace=True))
    ['README.md', 'ess-graph.xlsx']
    actors.csv: already exists (a template you may have filled in); nothing was written
    8
    """
    in_the_way = existing_templates(directory)
    if in_the_way and not replace:
        raise OutputError(f"{in_the_way[0]}: already exists (a template you may have filled in); nothing was written")
    *tables, readme_path, workbook_path = template_paths(directory)
    vocab = vocabulary()
    readme = readme_text(vocab)
    written = [write_text_atomically(path, _csv_text(_rows(sheet))) for sheet, path in zip(SHEETS, tables, strict=True)]
    written.append(write_text_atomically(readme_path, readme))
    written.append(write_atomically(workbook_path, lambda tmp: _write_workbook(tmp, vocab, readme)))
    return written
