"""Throughput and memory of the streamed SIRENE and RNA importers on generated stock files.

Writes a StockEtablissement/StockUniteLegale pair and an RNA waldec file of ROWS rows in the
official layouts (every legal unit flagged ESS, active; one row in KEEP_EVERY in the Pas-de-Calais,
the others in the Nord), imports them filtered on département 62, and prints rows per second and
the peak resident memory of this process. Run: python benchmarks/import_streaming.py [ROWS] [KEEP_EVERY]
"""

import resource
import sys
import tempfile
import time
from pathlib import Path

from ess_graph import load_graph
from ess_graph.importers.common.checks import luhn_valid
from ess_graph.importers.common.triples import write_records
from ess_graph.importers.rna import RnaOptions, import_rna
from ess_graph.importers.sirene import SireneOptions, import_sirene

ETAB = ("siren,nic,siret,dateCreationEtablissement,etablissementSiege,numeroVoieEtablissement,typeVoieEtablissement,"
        "libelleVoieEtablissement,codePostalEtablissement,libelleCommuneEtablissement,codeCommuneEtablissement,"
        "etatAdministratifEtablissement,activitePrincipaleEtablissement,nomenclatureActivitePrincipaleEtablissement")
UNITS = ("siren,dateCreationUniteLegale,identifiantAssociationUniteLegale,denominationUniteLegale,"
         "categorieJuridiqueUniteLegale,activitePrincipaleUniteLegale,nomenclatureActivitePrincipaleUniteLegale,"
         "economieSocialeSolidaireUniteLegale")
RNA = ("id;siret;titre;titre_court;objet;date_creat;date_disso;adrs_numvoie;adrs_typevoie;adrs_libvoie;"
       "adrs_codeinsee;adrs_codepostal;adrs_libcommune;position")


def keyed(prefix: str) -> str:
    return next(prefix + d for d in "0123456789" if luhn_valid(prefix + d))


def generate(folder: Path, rows: int, keep_every: int) -> tuple[Path, Path, Path]:
    etab, units, rna = folder / "StockEtablissement.csv", folder / "StockUniteLegale.csv", folder / "rna.csv"
    with open(etab, "w") as e, open(units, "w") as u, open(rna, "w") as r:
        e.write(ETAB + "\n")
        u.write(UNITS + "\n")
        r.write(RNA + "\n")
        for n in range(rows):
            siren = keyed(f"{10000000 + n:08d}")
            siret = keyed(siren + "0001")
            commune, town = ("62193", "CALAIS") if n % keep_every == 0 else ("59350", "LILLE")
            e.write(f"{siren},{siret[9:]},{siret},2001-05-04,true,{n % 300},RUE,DES ECOLES,{commune[:2]}100,{town},"
                    f"{commune},A,88.99B,NAFRev2\n")
            u.write(f"{siren},2001-05-04,W{620000000 + n},ASSOCIATION NUMERO {n},9220,88.99B,NAFRev2,O\n")
            r.write(f"W{620000000 + n};{siret};ASSOCIATION NUMERO {n};ASSO {n};aider les habitants du quartier;"
                    f"2001-05-04;0001-01-01;{n % 300};RUE;des Écoles;{commune};{commune[:2]}100;{town};A\n")
    return etab, units, rna


def measure(label: str, rows: int, run) -> None:
    started = time.perf_counter()
    triples = run()
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{label:<28} {rows:>10,} rows {elapsed:8.1f} s {rows / elapsed:>10,.0f} rows/s "
          f"{triples:>10,} triples  peak RSS so far {peak:,.0f} MB")


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    keep_every = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    graph = load_graph()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        etab, units, rna = generate(folder, rows, keep_every)
        print(f"generated {rows:,} rows per file in {time.perf_counter() - started:.1f} s "
              f"(one in {keep_every} in the Pas-de-Calais); baseline RSS "
              f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")
        sirene = import_sirene(etab, graph, SireneOptions(units=units, departements=("62",)))
        measure("sirene (joined, dept 62)", rows, lambda: write_records(folder / "sirene.nt", sirene))
        associations = import_rna(rna, graph, RnaOptions(departements=("62",)))
        measure("rna (dept 62)", rows, lambda: write_records(folder / "rna.nt", associations))


if __name__ == "__main__":
    main()
