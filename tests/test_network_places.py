"""The projection's place and sector attributes, which the map's territory and sector filters use."""

ESSD = "https://w3id.org/ess-graph/id/"
CALAIS_AND_ABOVE = {ESSD + t for t in ("calais", "cap-calaisis", "pays-du-calaisis", "pas-de-calais",
                                       "nord-pas-de-calais", "region-32")}


def test_a_commune_lies_in_itself_and_in_every_territory_above_it(calaisis_network):
    # Calais is in the Cap Calaisis agglomeration, the Pays du Calaisis and the Pas-de-Calais, which
    # was in the Nord-Pas-de-Calais in 2014 and is in the Hauts-de-France (region 32) since 2016.
    assert set(calaisis_network.nodes[ESSD + "calais"]["territories"]) == CALAIS_AND_ABOVE


def test_an_actor_lies_in_its_commune_and_every_territory_above_it(calaisis_network):
    assert set(calaisis_network.nodes[ESSD + "ateliers-de-la-citoyennete"]["territories"]) == CALAIS_AND_ABOVE


def test_sector_keys_and_names_go_in_pairs(calaisis_network):
    gardins = calaisis_network.nodes[ESSD + "anges-gardins"]
    assert gardins["sectors"] == ["agriculture"]
    assert gardins["sector_names"] == ["agriculture, sylviculture et pêche"]
