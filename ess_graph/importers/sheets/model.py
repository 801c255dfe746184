"""The spreadsheet templates: which tables there are, their columns, and what each column takes.

One description serves both ends: ``ess-graph template`` writes it out as documented CSV and
XLSX files, and ``ess-graph import sheet`` checks files against it. Column names are short
English keys; the explanations are in French, the language of the people who fill them in.
"""

from dataclasses import dataclass

SEPARATOR = ";"
"""Separates several values in one cell (several sectors, the partners of a partnership)."""

KIND_KEYS = ("ess", "support", "enterprise", "research", "state", "authority", "person", "other")
"""Kinds an actor row may take (keys of :data:`ess_graph.vocab.kinds.KINDS`)."""


@dataclass(frozen=True)
class Column:
    """A column of a template: its key, its documentation and example, whether it must be filled.

    >>> SHEET_BY_KEY["fundings"].columns[2].name, SHEET_BY_KEY["fundings"].columns[2].required
    ('amount', False)
    """

    name: str
    description: str
    example: str
    required: bool = False
    values: str | None = None
    """Name of the list of allowed values (legal-forms, sectors...), documented with the template."""


@dataclass(frozen=True)
class Sheet:
    """A template: its key (and file name), its title (and workbook sheet), its columns.

    >>> SHEET_BY_KEY["fundings"].required
    ['funder', 'recipient']
    """

    key: str
    title: str
    description: str
    columns: tuple[Column, ...]

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.required]

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


_REF = ("Un acteur : son id (feuille actors), son SIRET, son SIREN ou son numéro RNA, son nom exact, "
        "ou la clé d'un nœud du graphe (essd:calais).")
_STATUS = Column("status", "Où en est le lien, une seule valeur : done (réalisé, accordé), in-progress, planned "
                 "(prévu), possible. Par défaut : done.", "done", values="statuses")
_START = Column("start_date", "Début : AAAA, AAAA-MM ou AAAA-MM-JJ (de l'an 1000 à cent ans d'ici).", "2014-10")
_END = Column("end_date", "Fin : AAAA, AAAA-MM ou AAAA-MM-JJ, pas avant le début.", "")

SHEETS: tuple[Sheet, ...] = (
    Sheet("actors", "Acteurs", "Une ligne par organisation ou personne.", (
        Column("id", "Clé de l'acteur dans le graphe (lettres minuscules, chiffres, tirets), pour le citer dans les "
               "autres feuilles. Reprendre la clé d'un nœud existant (calais) complète ce nœud. Par défaut : "
               "tirée du SIREN/SIRET, sinon du numéro RNA, sinon le nœud du graphe qui porte ce nom (l'import le "
               "signale), sinon tirée du nom.", "atelier-velo-solidaire"),
        Column("name", "Nom de l'acteur.", "Atelier vélo solidaire du Calaisis", required=True),
        Column("kinds", "Ce qu'est l'acteur, une ou plusieurs valeurs séparées par « ; » : " + ", ".join(KIND_KEYS) +
               ". Par défaut : other (organisation).", "ess", values="kinds"),
        Column("legal_form", "Forme juridique, une seule : catégorie juridique INSEE (9220) ou libellé (association "
               "déclarée).", "9220", values="legal-forms"),
        Column("siret", "SIRET du siège (14 chiffres, clé vérifiée).", "", ),
        Column("siren", "SIREN (9 chiffres, clé vérifiée) ; inutile si le SIRET est donné.", ""),
        Column("rna", "Numéro RNA d'une association : W suivi de 9 caractères.", "W622001234"),
        Column("sectors", "Secteurs : code NAF (45.20A) ou secteur de la liste, séparés par « ; ».", "95.29Z",
               values="sectors"),
        Column("themes", "Thèmes de la liste, séparés par « ; ».", "mobility;work-integration", values="themes"),
        Column("commune", "Code INSEE de la commune du siège (5 caractères).", "62193"),
        Column("address", "Adresse (numéro et voie).", "32 rue Murillo"),
        Column("postal_code", "Code postal (5 chiffres).", "62100"),
        Column("locality", "Commune de l'adresse, en toutes lettres ; par défaut, le nom de la commune dans le "
               "graphe. Nécessaire avec une adresse ou un code postal.", "Calais"),
        Column("founding_date", "Date de création, passée : AAAA, AAAA-MM ou AAAA-MM-JJ.", "2014-10"),
        Column("description", "Ce que fait l'acteur, en une ou deux phrases.",
               "Atelier associatif de réparation de vélos, en insertion."),
        Column("email", "Courriel de contact (nom@domaine.fr).", "contact@example.org"),
        Column("telephone", "Téléphone de contact, au format international : +33 puis le numéro sans son 0.",
               "+33 3 21 00 00 00"),
    )),
    Sheet("fundings", "Financements", "Une ligne par financement (subvention, aide, prêt d'honneur...).", (
        Column("funder", "Le financeur. " + _REF, "essd:calais", required=True),
        Column("recipient", "Le bénéficiaire. " + _REF, "atelier-velo-solidaire", required=True),
        Column("amount", "Montant en euros, en chiffres, point décimal et au plus deux décimales (12500.50), positif "
               "ou nul, moins d'un milliard.", "12500"),
        Column("purpose", "Objet du financement.", "Ouverture de l'atelier"),
        Column("programme", "Programme, fonds ou politique par lequel passe le financement (nom).",
               "Politique ESS de la ville"),
        _START, _END, _STATUS,
    )),
    Sheet("partnerships", "Partenariats", "Une ligne par partenariat entre deux acteurs ou plus.", (
        Column("partners", "Les partenaires, au moins deux, séparés par « ; ». " + _REF,
               "atelier-velo-solidaire;essd:eco-garage-du-calaisis", required=True),
        Column("purpose", "But du partenariat.", "Transmission de savoir-faire"),
        _START, _END, _STATUS,
    )),
    Sheet("supports", "Accompagnements", "Une ligne par appui non financier (conseil, prêt de matériel...).", (
        Column("supporter", "Qui accompagne. " + _REF, "essd:garage-social-du-boulonnais", required=True),
        Column("supported", "Qui est accompagné. " + _REF, "atelier-velo-solidaire", required=True),
        Column("support_kinds", "Nature de l'appui, une ou plusieurs valeurs de la liste séparées par « ; ».",
               "know-how", values="support-kinds"),
        Column("purpose", "Objet de l'accompagnement.", ""),
        _START, _END, _STATUS,
    )),
    Sheet("memberships", "Adhésions et rôles", "Une ligne par adhésion d'un acteur à une organisation, "
          "ou par rôle d'une personne.", (
        Column("member", "Le membre. " + _REF, "atelier-velo-solidaire", required=True),
        Column("organisation", "L'organisation. " + _REF, "essd:cress-nord-pas-de-calais", required=True),
        Column("role", "Rôle de la liste, un seul. Par défaut : member.", "member", values="roles"),
        _START, _END, _STATUS,
    )),
    Sheet("locations", "Lieux", "Une ligne par lieu supplémentaire d'un acteur (antenne, local prévu...).", (
        Column("actor", "L'acteur. " + _REF, "atelier-velo-solidaire", required=True),
        Column("commune", "Code INSEE de la commune du lieu.", "62397", required=True),
        Column("label", "Nom du lieu.", "Antenne de Guînes"),
        Column("address", "Adresse (numéro et voie).", ""),
        Column("postal_code", "Code postal (5 chiffres).", "62340"),
        Column("locality", "Commune de l'adresse, en toutes lettres ; par défaut, le nom de la commune dans le "
               "graphe.", "Guînes"),
        _STATUS,
    )),
)

SHEET_BY_KEY = {sheet.key: sheet for sheet in SHEETS}


def sheet_for(columns: list[str], name: str | None = None) -> Sheet | None:
    """The template a table follows: by its sheet or file name, else by its required columns.

    >>> sheet_for([], "Financements").key, sheet_for(["funder", "recipient", "amount"]).key
    ('fundings', 'fundings')
    """
    if name is not None:
        for sheet in SHEETS:
            if name.strip().lower() in (sheet.key, sheet.title.lower()):
                return sheet
    present = set(columns)
    matching = [sheet for sheet in SHEETS if set(sheet.required) <= present]
    return max(matching, key=lambda sheet: len(sheet.required)) if matching else None
