"""Corrections of the Calaisis graph after a line-by-line reading of the newsletter.

Each test pins what the newsletter (/work/shared/seeds/000_4de75b5316fa7e2b.txt, "the letter") says,
with the lines it is read from: a contact address is not a location, a count or a date the letter
does not give is not in the graph, what comes from outside the letter cites its source, a
description says no more than the letter, an article of the law holds only what the letter puts
under it, and every section cited holds what is said.
"""

import re

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, RDF, RDFS, SKOS, XSD

from ess_graph.vocab.namespaces import ELI, ESS, ESSD, ORG, SCHEMA, SRC, VCARD

TEXTS = (DCTERMS.description, ESS.purpose, RDFS.label, SKOS.altLabel)


def sections_of(graph, node) -> set:
    return set(graph.objects(node, PROV.wasDerivedFrom))


def words(graph, node) -> str:
    """Every description, purpose and name of ``node``, lower-cased, to look for a claim in."""
    return " ".join(str(text) for p in TEXTS for text in graph.objects(node, p)).lower()


def note(graph, node) -> str:
    return " ".join(str(text) for text in graph.objects(node, ESS.readingNote))


def lines_of(graph, section) -> range:
    first, last = (int(n) for n in str(graph.value(section, ESS.lines)).split("-"))
    return range(first, last + 1)


# --- A contact address is not where an actor or a project is located -----------------------------

def test_the_bakery_is_located_nowhere_while_its_premises_are_still_sought(calaisis):
    # l. 401: "Partenariat pour trouver des locaux, peut-être une location auprès d'une collectivité."
    # l. 404: "Contact : Anne Lecerf - 64 de la rue Narcisse-Boulanger, 62340 Guines - tél : 03 21 36 76 10"
    bakery = ESSD["boulangerie-solidaire"]
    assert list(calaisis.objects(bakery, ESS.locatedIn)) == []
    assert list(calaisis.objects(bakery, ORG.hasSite)) == []
    assert (ESSD["site-boulangerie-contact"], RDF.type, ESS.Site) not in calaisis
    contact = calaisis.value(bakery, ESS.contactPoint)
    assert str(calaisis.value(contact, SCHEMA.telephone)) == "+33 3 21 36 76 10"
    assert calaisis.value(contact, ESS.contactPerson) == ESSD["anne-lecerf"]
    address = calaisis.value(contact, VCARD.hasAddress)
    assert str(calaisis.value(address, VCARD["street-address"])) == "64 rue Narcisse-Boulanger"
    assert str(calaisis.value(address, VCARD["postal-code"])) == "62340"
    assert "locaux" in words(calaisis, bakery) and "à trouver" in words(calaisis, bakery)


@pytest.mark.parametrize(("actor", "person", "street", "former_place"), [
    # l. 351: "Contact : Jérémy Péron - 110 rue de la Commandance, 62340 Guines"
    ("carrement-assos", "jeremy-peron", "110 rue de la Commandance", "guines"),
    # l. 320: "Contact : Michele Hermant - 230 rue de la Mairie, 62 370 Polincove"
    ("des-racines-et-des-hommes", "michele-hermant", "230 rue de la Mairie", "polincove"),
])
def test_an_address_given_under_a_persons_name_stays_on_the_contact_point(calaisis, actor, person, street,
                                                                        former_place):
    node = ESSD[actor]
    assert (node, ESS.locatedIn, ESSD[former_place]) not in calaisis
    assert list(calaisis.objects(node, ORG.hasSite)) == []
    contact = calaisis.value(node, ESS.contactPoint)
    assert calaisis.value(contact, ESS.contactPerson) == ESSD[person]
    assert str(calaisis.value(calaisis.value(contact, VCARD.hasAddress), VCARD["street-address"])) == street


def test_what_these_associations_serve_is_kept_apart_from_their_contact(calaisis):
    # l. 342: Carrément Assos works "à l'échelle des Trois-Pays"; l. 309: Des Racines et des Hommes
    # works "dans le territoire de la communauté de communes de la région d'Audruicq".
    assert (ESSD["carrement-assos"], ESS.operatesIn, ESSD["cc-trois-pays"]) in calaisis
    assert (ESSD["des-racines-et-des-hommes"], ESS.operatesIn, ESSD.ccra) in calaisis


def test_a_post_office_box_is_a_contact_and_the_adlc_are_in_calais_by_their_restaurants(calaisis):
    # l. 286: "Ateliers De La Citoyenneté (ADLC) BP 191, 62104 Calais Cedex"; l. 280: "3 restaurants
    # d'insertion sont ainsi gérés sur Calais".
    adlc = ESSD["ateliers-de-la-citoyennete"]
    contact = calaisis.value(adlc, ESS.contactPoint)
    assert str(calaisis.value(calaisis.value(contact, VCARD.hasAddress), VCARD["post-office-box"])) == "BP 191"
    assert set(calaisis.objects(adlc, ORG.hasSite)) == {ESSD["site-adlc-restaurants"]}
    assert (adlc, ESS.locatedIn, ESSD.calais) in calaisis


def test_no_site_is_a_contact_address_or_a_post_office_box(calaisis):
    for site in calaisis.subjects(RDF.type, ESS.Site):
        assert "contact" not in words(calaisis, site), site
        address = calaisis.value(site, ESS.address)
        if address is not None:
            assert calaisis.value(address, VCARD["post-office-box"]) is None, site


@pytest.mark.parametrize(("site", "line"), [
    ("site-eco-garage", 238),         # "Contact : Eco-garage du Calaisis, 32 rue Murillo, 62 100 Calais"
    ("site-admr-audruicq", 253),      # "Contact : ADMR Audruicq, 273 rue Carnot, 62 370 Audruicq"
    ("site-terre-d-opale", 272),      # "Contact : Terre d'Opale, 800 rue du Pont d'Oye, 62 162 Vieille Eglise"
    ("site-la-note-bleue", 303),      # "Contact : La Note Bleue, 55 la place, 62 371 Ruminghem"
    ("site-le-son-du-chablon", 335),  # "Contact : Le Son du Chablon, 803 chemin de Frelinghem, ..."
])
def test_a_site_kept_from_a_contact_line_is_the_organisations_own_address_and_says_so(calaisis, site, line):
    # These contact lines name the organisation itself, not a person: the site says why it is kept.
    assert f"l. {line}" in note(calaisis, ESSD[site])
    assert any(line in lines_of(calaisis, s) for s in sections_of(calaisis, ESSD[site]))


# --- No count or date the letter does not give ----------------------------------------------------

def test_the_pays_is_not_said_to_have_four_intercommunalities(calaisis):
    # The letter gives no count (l. 447: "les intercommunalités agissent"); the graph holds five.
    text = words(calaisis, ESSD["pays-du-calaisis"])
    assert not re.search(r"\b(quatre|cinq|4|5) intercommunalit", text)
    assert "366" in text and "4 600" in text  # l. 639 and 644
    assert len(set(calaisis.subjects(ESS.within, ESSD["pays-du-calaisis"]))) == 5


def test_the_ess_month_has_no_recurrence_the_letter_does_not_give(calaisis):
    # l. 35: "réunis ce matin dans le cadre du mois de l'ESS": no period, no organiser.
    assert calaisis.value(ESSD["mois-de-l-ess"], ESS.recurrence) is None
    assert "chaque année" not in words(calaisis, ESSD["mois-de-l-ess"])


def test_the_designation_of_the_referent_elected_official_is_not_dated(calaisis):
    # l. 20: "En désignant Mr Philippe Martinod comme élu référent" (no date in the editorial).
    role = ESSD["role-martinod-sympac"]
    assert calaisis.value(role, ESS.startDate) is None
    assert sections_of(calaisis, role) == {SRC["editorial-sympac"]}


def test_the_regions_call_for_projects_has_no_launch_date(calaisis):
    # l. 571-575: the Nov 2013 morning relayed "l'appel à projet ESS de la Région 2014".
    call = ESSD["appel-projets-ess-region-2014"]
    assert calaisis.value(call, ESS.startDate) is None
    assert "a lancé" not in words(calaisis, ESSD["nord-pas-de-calais"])


@pytest.mark.parametrize(("node", "printed"), [
    ("producteurs-en-calaisis", "le 13 octobre dernier"),   # l. 427, in a November 2014 letter
    ("formation-ain-2015", "en janvier prochain"),          # l. 434
    ("ownership-vieille-eglise-sechoir", "a décidé en 2012"),  # l. 313
])
def test_a_date_read_from_a_relative_phrase_says_so(calaisis, node, printed):
    assert printed in note(calaisis, ESSD[node])


def test_the_chicory_dryer_is_said_decided_in_2012_not_bought_back(calaisis):
    # l. 313-314: "La commune de Vieille Eglise a décidé en 2012 ... de l'acquisition d'une ancienne sécherie"
    for node in ("vieille-eglise", "ccra", "site-sechoir-vieille-eglise", "support-ccra-vieille-eglise-sechoir"):
        assert "rachet" not in words(calaisis, ESSD[node]) and "racheté" not in words(calaisis, ESSD[node]), node


# --- What comes from outside the letter cites its source, or is not in the graph -----------------

def test_the_laws_number_and_date_come_from_the_official_journal_the_letter_gives_the_publication(calaisis):
    # l. 57: "la loi sur l'ESS qui est parue au journal Officiel le 1er août 2014" (no number, no 31 July).
    law = ESSD["loi-2014-856"]
    journal = ESSD["source-jorf-loi-2014-856"]
    assert journal in sections_of(calaisis, law) and SRC["loi-ess"] in sections_of(calaisis, law)
    assert (journal, RDF.type, PROV.Entity) in calaisis
    assert str(calaisis.value(journal, FOAF.page)).startswith("https://www.legifrance.gouv.fr/")
    assert calaisis.value(law, ELI.date_publication) == Literal("2014-08-01", datatype=XSD.date)
    assert "journal officiel" in note(calaisis, law).lower() and "2014-856" in note(calaisis, law)


def test_the_mef_keeps_the_acronym_the_letter_uses(calaisis):
    # l. 565, 583, 630: only "la MEF du Calaisis".
    mef = ESSD["mef-du-calaisis"]
    assert str(calaisis.value(mef, RDFS.label)) == "MEF du Calaisis"
    assert "maison de l'emploi" not in words(calaisis, mef)
    assert calaisis.value(mef, ESS.structureKind) is None


@pytest.mark.parametrize("programme", ["pole-excellence-rurale", "contrats-aides", "emplois-d-avenir"])
def test_the_letter_names_no_manager_of_the_national_schemes(calaisis, programme):
    # l. 263 ("reconnue Pôle d'Excellence Rurale"), 331 ("un contrat aidé"), 122 ("l'ouverture des
    # emplois d'avenir aux SCIC"): none says who runs the scheme.
    assert calaisis.value(ESSD[programme], ESS.managedBy) is None
    assert "national" not in words(calaisis, ESSD[programme])


def test_the_state_is_what_the_sections_it_cites_say(calaisis):
    # l. 283-284: "Etat, Département et Région soutiennent cette opération"; l. 441: "du désengagement de l'Etat".
    state = ESSD.etat
    assert sections_of(calaisis, state) == {SRC["ateliers-citoyennete"], SRC["collectivites-engagees"]}
    assert "dispositif" not in words(calaisis, state)
    assert set(calaisis.objects(state, ESS.supports)) == {ESSD["buffet-produits-locaux-adlc"]}
    assert list(calaisis.subjects(ESS.managedBy, state)) == []


def test_the_sympac_name_spelled_out_cites_the_sympacs_own_site(calaisis):
    # The letter only writes "SyMPaC" / "SYMPAC" (l. 18, 29, 389, 437).
    site = ESSD["source-site-sympac"]
    assert site in sections_of(calaisis, ESSD.sympac)
    assert (site, RDF.type, PROV.Entity) in calaisis and calaisis.value(site, FOAF.page) is not None
    assert "sigle" in note(calaisis, ESSD.sympac)


@pytest.mark.parametrize(("node", "outside"), [
    ("calais", "ville centre"), ("guines", "ville centre"), ("audruicq", "bourg centre"),
    ("audruicq", "siège"), ("ccra", "rurale"), ("ccsoc", "rurale"), ("boulonnais", "boulogne"),
    ("cote-d-opale", "nord"), ("ligue-de-l-enseignement", "éducation populaire"),
    ("labo-ess", "laboratoire d'idées"), ("universite-paris-est-marne-la-vallee", "upem"),
    ("sciences-po-grenoble", "sciences po"), ("insee", "institut national"),
    ("loi-2014-856-article-13", "promotion"), ("pole-excellence-rurale", "per"),
])
def test_descriptions_and_names_hold_nothing_from_outside_the_letter(calaisis, node, outside):
    assert not re.search(rf"\b{re.escape(outside)}\b", words(calaisis, ESSD[node]))


@pytest.mark.parametrize(("node", "kind"), [
    ("ligue-de-l-enseignement", "popular-education-federation"), ("labo-ess", "think-tank"),
])
def test_no_kind_of_structure_the_letter_does_not_give(calaisis, node, kind):
    assert not [k for k in calaisis.objects(ESSD[node], ESS.structureKind) if str(k).endswith(kind)]


@pytest.mark.parametrize("node", ["pas-de-calais", "nord-pas-de-calais", "ain"])
def test_an_insee_code_cites_the_official_geography(calaisis, node):
    assert calaisis.value(ESSD[node], ESS.inseeCode) is not None
    assert ESSD["source-cog"] in sections_of(calaisis, ESSD[node])


# --- Descriptions say no more than the letter ------------------------------------------------------

def test_the_admr_partnership_is_still_to_be_established_not_extending_the_service(calaisis):
    # l. 249: "Le partenariat à établir entre l'ADMR et le CIAS a fait l'objet d'une analyse approfondie"
    assert "étendre" not in words(calaisis, ESSD["transport-a-la-demande-admr"])
    assert "reste à établir" in words(calaisis, ESSD["transport-a-la-demande-admr"])
    assert str(calaisis.value(ESSD["partnership-admr-cias"], ESS.status)).endswith("planned")


def test_the_school_canteens_are_the_communes_not_calais(calaisis):
    # l. 393-394: "Les communes sont amenées à être des donneurs d'ordres puisqu'elles gèrent les
    # cantines scolaires"; l. 391: Calais "pourrait intervenir également en financement direct".
    assert "cantine" not in words(calaisis, ESSD.calais)
    assert "pourrait" in words(calaisis, ESSD.calais)


def test_the_festival_committees_have_no_legal_form(calaisis):
    # l. 410: "comités des Fêtes", no legal form; the section calls them actors of the ESS (l. 406).
    committees = ESSD["comites-des-fetes-ccsoc"]
    assert calaisis.value(committees, ESS.legalForm) is None
    assert (committees, RDF.type, ESS.ESSStructure) in calaisis


def test_the_boulonnais_garage_is_not_said_older(calaisis):
    # l. 235-236: "L'activité bénéficie du soutien du garage social du boulonnais qui dispose de
    # l'expérience et des savoir-faire techniques indispensables."
    assert "ancien" not in words(calaisis, ESSD["garage-social-du-boulonnais"])


@pytest.mark.parametrize("funding", ["funding-departement-boulangerie", "funding-region-boulangerie-economie",
                                     "funding-region-boulangerie-pays"])
def test_a_funding_has_no_purpose_the_letter_does_not_give(calaisis, funding):
    # l. 387-389: the Région "est appelée à intervenir dans le cadre de sa politique économique, ainsi
    # que par le biais de sa politique Pays"; the Département "via sa politique insertion".
    assert calaisis.value(ESSD[funding], ESS.purpose) is None
    assert calaisis.value(ESSD[funding], ESS.throughProgramme) is not None


def test_the_scic_link_belongs_to_the_box_not_to_the_inter_network(calaisis):
    # l. 131: "Lien : http://www.les-scic.coop/sites/fr/les-scic/", at the end of the box on the SCIC.
    link = URIRef("http://www.les-scic.coop/sites/fr/les-scic/")
    assert calaisis.value(ESSD["inter-reseau-scic"], FOAF.page) is None
    assert (SRC["encadre-scic"], RDFS.seeAlso, link) in calaisis


@pytest.mark.parametrize(("node", "over_reading"), [
    ("eco-garage-du-calaisis", "location"),        # l. 233: "met également des boxes équipés ... à destination des particuliers"
    ("ateliers-de-la-citoyennete", "forme (?!juridique)"),  # l. 279: "favoriser l'insertion professionnelle de leur public"
    ("sciences-po-grenoble", "enseigne"),          # l. 173: "spécialiste de l'ESS à l'Institut d'études politiques"
    ("reseau-the-et-groseille", "anime"),          # l. 410-411: one of the partners "associés"
    ("auto-ecole-sociale-du-calaisis", "doit ouvrir"),  # l. 222-223: "Le projet devrait aboutir"
    ("politique-pays-region", "appui aux pays"),   # l. 388: "sa politique Pays"
    ("transport-a-la-demande-admr", "doit l"),
])
def test_a_description_keeps_the_letters_strength(calaisis, node, over_reading):
    assert not re.search(rf"\b{over_reading}", words(calaisis, ESSD[node]))


def test_the_round_table_is_a_possibility(calaisis):
    # l. 21-22: "Régulièrement pourront se retrouver autour de la table, les partenaires publics et privés"
    assert "pourront" in words(calaisis, ESSD["strategie-ess-calaisis"])


def test_terre_d_opale_delivers_mostly_along_the_coast(calaisis):
    # l. 267: "points de dépôts situés pour la plupart le long de la côte d'Opale"
    assert "pour la plupart" in words(calaisis, ESSD["terre-d-opale"])


# --- Articles of the law hold what the letter puts under them ----------------------------------

def test_article_6_is_the_cress_and_the_regional_level_is_the_laws_territorial_part(calaisis):
    # l. 68-69: "le volet territorial, qui affirme le niveau régional comme échelon privilégié" (no
    # article); l. 71-72: the CRESS "(article 6)".
    assert "échelon" not in words(calaisis, ESSD["loi-2014-856-article-6"])
    assert "cress" in str(calaisis.value(ESSD["loi-2014-856-article-6"], RDFS.label)).lower()
    assert "volet territorial" in words(calaisis, ESSD["loi-2014-856"])


def test_article_33_holds_only_the_share_of_capital(calaisis):
    # l. 82-83: "posséder jusqu'à 50 % du capital des SCIC (article 33)"; l. 109-117 credit the SAS,
    # the employees and the transformation to "le projet de loi", with no article.
    article = words(calaisis, ESSD["loi-2014-856-article-33"])
    assert "50 %" in article
    assert not {"sas", "salariés", "transformation"} & set(re.findall(r"[\wéè%]+", article))
    law = words(calaisis, ESSD["loi-2014-856"])
    assert "sas" in law and "salariés" in law and "société classique" in law


# --- Every section cited holds what is said; normalised names say so ----------------------------

def test_odefie_cites_the_sections_where_its_name_and_the_publication_director_are_printed(calaisis):
    # "ODEFI€ novembre 2014" l. 365, "O'DEFIE novembre 2014" l. 557, "Directeur de la publication" l. 632.
    sections = sections_of(calaisis, ESSD.odefie)
    for line in (365, 557, 632):
        assert any(line in lines_of(calaisis, s) for s in sections), line


def test_every_line_a_reading_note_quotes_is_in_a_section_the_node_cites(calaisis):
    for node, text in calaisis.subject_objects(ESS.readingNote):
        quoted = [int(n) for n in re.findall(r"\bl\. (\d+)", str(text))]
        sections = [s for s in sections_of(calaisis, node) if (s, ESS.lines, None) in calaisis]
        for line in quoted:
            assert any(line in lines_of(calaisis, s) for s in sections), (node, line)


@pytest.mark.parametrize(("node", "printed"), [
    ("michele-hermant", "Michele"),                  # l. 320
    ("loic-ledoux", "Loic"),                         # l. 632
    ("daniele-demoustier", "Daniéle"),               # l. 173
    ("jean-yves-bourbiaux", "Jean-yves"),            # l. 437
    ("address-le-son-du-chablon", "Brémes les Ardres"),  # l. 335
    ("address-carrement-assos", "Guines"),           # l. 351
    ("address-boulangerie-contact", "64 de la rue Narcisse-Boulanger"),  # l. 404
    ("address-terre-d-opale", "Vieille Eglise"),     # l. 272
])
def test_a_normalised_name_quotes_what_is_printed(calaisis, node, printed):
    assert f"« {printed}" in note(calaisis, ESSD[node])


def test_bremes_is_not_given_a_name_form_attested_nowhere(calaisis):
    # l. 335 prints "Brémes les Ardres"; the commune is Brêmes (COG).
    names = {str(n) for p in (RDFS.label, SKOS.altLabel) for n in calaisis.objects(ESSD.bremes, p)}
    names.add(str(calaisis.value(ESSD["address-le-son-du-chablon"], VCARD.locality)))
    assert not [n for n in names if "lès" in n]
