"""Every weight and threshold of the PTCE analysis, in one documented place.

The defaults encode a reading of art. 9 of law 2014-856 and art. 3 of decree 2015-431 plus a few
judgement calls (how much a partnership counts against a funding); a user changes them from the
command line (``--param weight_funding=0.2``) or from a TOML file (``--config ptce.toml``, keys at
the top level or under a ``[ptce]`` table). Each field's ``help`` is the text the README and
``ess-graph ptce --help-params`` show.
"""

from __future__ import annotations

import difflib
import math
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from ..errors import EssGraphError, InvalidValue, NameNotFound

TERRITORY_LEVELS: dict[str, float] = {
    "commune": 1, "intercommunality": 2, "pays": 3, "departement": 4, "region": 5,
}
"""How wide each kind of territory is; a candidate's territory may be at most ``max_territory_level``."""

ROLE_KINDS = ("ess", "enterprise", "authority", "state", "research", "support", "other")
"""The actor kinds (see :mod:`ess_graph.vocab.kinds`) that can be members of a candidate."""


def _param(default: Any, help: str, *, minimum: float | None = 0, maximum: float | None = None,
           choices: Iterable[str] | None = None) -> Any:
    return field(default=default, metadata={
        "help": help, "minimum": minimum, "maximum": maximum,
        "choices": tuple(choices) if choices is not None else None,
    })


@dataclass(frozen=True)
class PTCEParameters:
    """Weights and thresholds of the PTCE analysis (see the README section "Spotting potential PTCE").

    Every value is checked when the parameters are made, so that an analysis never starts with
    a weight it cannot use; :meth:`with_overrides` takes text as typed by a user.

    >>> params = PTCEParameters()
    >>> params.min_legal_persons, params.status_factor("planned"), params.link_weight("shared-funder")
    (3, 0.5, 0.3)
    >>> params.with_overrides({"seed": "7", "weight_funding": 0.2}).seed
    7
    >>> PTCEParameters(status_planned=1.5)
    Traceback (most recent call last):
    ...
    ess_graph.errors.EssGraphError: parameter 'status_planned': must be at most 1, got 1.5
    """

    # --- How much each kind of link counts in the cooperation network -------------------------
    weight_partnership: float = _param(1.0, "A partnership between two actors (or with a project they carry).")
    weight_shared_project: float = _param(1.0, "Two actors carrying the same project or event.")
    weight_support: float = _param(0.8, "One actor accompanies, advises or helps another (not money).")
    weight_hosting: float = _param(0.8, "One actor lends premises or land to another.")
    weight_trade: float = _param(0.7, "One actor supplies another (a client relationship).")
    weight_membership: float = _param(0.7, "An organisation is a member of another (founders of an association).")
    weight_shared_site: float = _param(0.6, "Two actors working on the same site (owner, hosts, projects there).")
    weight_participation: float = _param(0.5, "An actor takes part in a project or event another carries.")
    weight_funding: float = _param(0.4, "A funder and the actor (or the carriers of the project) it funds, "
                                        "before the funder's informativeness scales it down.")
    weight_shared_funder: float = _param(0.3, "Two actors funded by the same funder, times the resource-allocation "
                                              "index 1/k (k = how many beneficiaries the funder has).")
    weight_institutional: float = _param(0.1, "A commune in its intercommunality, a service in its parent body: "
                                              "structure, not cooperation.")
    weight_shared_person: float = _param(0.2, "One person holds roles in both organisations.")
    sub_project_factor: float = _param(0.5, "Those who take part in a sub-project count for the whole project "
                                            "at this factor.", maximum=1)

    # --- How much a link counts according to its status --------------------------------------
    status_done: float = _param(1.0, "Factor for links the source gives as done or granted.", maximum=1)
    status_in_progress: float = _param(0.9, "Factor for links under way.", maximum=1)
    status_planned: float = _param(0.5, "Factor for planned links.", maximum=1)
    status_possible: float = _param(0.25, "Factor for links only mentioned as possible.", maximum=1)

    # --- Hub funders ---------------------------------------------------------------------------
    funder_hub_scale: float = _param(5.0, "A funder with k beneficiaries links to each with weight_funding x "
                                          "min(1, funder_hub_scale / k): the region funding 500 structures says "
                                          "little about any one of them.", minimum=1)
    min_link_weight: float = _param(0.02, "Shared-funder links lighter than this are not created (so a funder "
                                          "with more than weight_shared_funder / min_link_weight beneficiaries "
                                          "creates none).")

    # --- Communities and candidates ------------------------------------------------------------
    seed: int = _param(42, "Seed of the Louvain community detection: the same seed gives the same candidates.")
    resolution: float = _param(2.0, "Louvain resolution: above 1 gives more, smaller communities (2 suits groups "
                                    "of a few to twenty actors).", minimum=0.01)
    split_conductance: float = _param(0.1, "Inside a community, a part whose links to the rest weigh at most this "
                                           "share of its links is cut off as a candidate of its own (against "
                                           "modularity merging groups joined by one link in large networks).",
                                      maximum=1)
    min_attachment: float = _param(0.5, "A member whose links to the rest of its candidate weigh less than "
                                        "this is dropped from it (a hub funder that Louvain put there).")
    min_ties: int = _param(2, "A member other than a public body needs cooperation links with at least this "
                                "many other members, unless its one link is formal (membership, hosting); a "
                                "public body needs one. Funding alone never makes a member.", minimum=1)
    min_members: int = _param(3, "Fewest actors a candidate may have.", minimum=2)
    merge_overlap: float = _param(0.5, "The actors of a project, site or partnership join the candidate that "
                                       "already holds this share of them; otherwise they form a candidate of "
                                       "their own.", maximum=1)
    max_failed_gates: int = _param(2, "Candidates failing more legal gates than this are not shown.")

    # --- The potential layer: who could cooperate (see :mod:`.affinity`) ------------------------
    affinity_supporter: float = _param(1.0, "Two actors accompanied or supported by the same body, times the "
                                            "hub factor of that body.")
    affinity_network: float = _param(0.8, "Two organisations members of the same network or grouping, times "
                                          "its hub factor.")
    affinity_carrier: float = _param(0.6, "Two actors taking part in projects carried by the same actor, times "
                                          "its hub factor.")
    affinity_cofunding: float = _param(0.5, "Two actors funded by the same funder, times the resource-allocation "
                                            "index 1/k (k = the funder's beneficiaries): a hub funder says little.")
    affinity_theme: float = _param(0.6, "Theme and sector similarity (Jaccard of their themes and sectors, "
                                        "broader concepts included).")
    affinity_chain: float = _param(0.5, "Two actors holding different positions of one value chain "
                                        "(production, processing, distribution, clients, workforce).")
    affinity_hub_scale: float = _param(5.0, "A supporter, network or carrier with k actors around it counts "
                                            "min(1, affinity_hub_scale / k) per pair: one that accompanies half "
                                            "the territory says little about any two.", minimum=1)
    affinity_max_block: int = _param(60, "Theme and value-chain affinity is looked for among the actors of one "
                                         "territory sharing one theme; a block larger than this is skipped (a "
                                         "theme that many actors share there says little, and pairs grow as "
                                         "the square).", minimum=2)
    affinity_block_level: str = _param("pays", "Widest territory whose actors are compared by theme and value "
                                               "chain.", choices=TERRITORY_LEVELS)
    proximity_commune: float = _param(1.0, "Affinity factor for two actors of the same commune.", maximum=1)
    proximity_intercommunality: float = _param(0.8, "... of the same intercommunality.", maximum=1)
    proximity_pays: float = _param(0.6, "... of the same Pays.", maximum=1)
    proximity_departement: float = _param(0.4, "... of the same département (none beyond max_territory_level).",
                                          maximum=1)
    proximity_unknown: float = _param(0.5, "... when the place of one of them is not known.", maximum=1)
    layer_cooperation: float = _param(1.0, "Weight of the cooperation network in the graph where potential groups "
                                           "are grown.")
    layer_affinity: float = _param(1.0, "Weight of the potential (affinity) layer in that graph.")
    expansion_alpha: float = _param(2.0, "Local expansion grows a group from a seed while its fitness "
                                         "w_in / (w_in + w_out)^alpha rises (Lancichinetti et al.); a larger "
                                         "alpha gives smaller groups.", minimum=0.1)
    potential_max_size: int = _param(30, "Largest potential group grown from one seed (actors).", minimum=3)
    potential_min_attachment: float = _param(0.3, "A member of a potential group whose links (both layers) to "
                                                  "the rest weigh less than this is dropped.")
    potential_merge: float = _param(0.5, "Potential groups whose member sets overlap at least this much "
                                         "(Jaccard) and share a theme are merged; bridges stay in both otherwise.",
                                    maximum=1)
    cooperating_share: float = _param(0.5, "A group is cooperating when cooperation links other than being "
                                           "accompanied by, or a member of, the same support body or network "
                                           "connect at least this share of its members; otherwise the "
                                           "body seeds a potential group.", maximum=1)
    cooperating_density: float = _param(0.2, "... and at least this share of its member pairs are so linked: "
                                             "groups that could cooperate have 'few or no links' between "
                                             "members.", maximum=1)
    bridge_share: float = _param(0.3, "An actor outside a cooperating group joins it as a bridge (and so may be "
                                      "in two groups) when it has cooperation ties with min_ties members and "
                                      "this share of its cooperation weight goes to them.", maximum=1)

    # --- Stability -----------------------------------------------------------------------------
    stability_runs: int = _param(4, "Runs that perturb the analysis (another seed, resolution x 0.75 / 1.25, "
                                    "stability_drop of the links dropped); each candidate's stability is the "
                                    "share of runs where a group of its kind comes back. 0 computes none.")
    stability_drop: float = _param(0.1, "Share of the links of both layers dropped at random in each run.",
                                   maximum=0.9)
    stability_match: float = _param(0.5, "A group comes back in a run when one found there has at least this "
                                         "Jaccard similarity with it.", minimum=0.01, maximum=1)

    # --- Legal gates -----------------------------------------------------------------------------
    min_legal_persons: int = _param(3, "Decree 2015-431 art. 3: at least three legal persons.", minimum=1)
    unknown_group_size: int = _param(2, "Legal persons counted for a group whose size the source does not give "
                                        "(a plural means at least two).", minimum=1)
    art9_kinds: str = _param("authority,research", "Comma-separated kinds that meet the 'other art. 9 person' "
                                                   "gate (authority, research, state, support, other).")
    max_territory_level: str = _param("departement", "Widest territory a candidate may span.",
                                      choices=TERRITORY_LEVELS)

    # --- Score ---------------------------------------------------------------------------------
    target_size: int = _param(15, "Size (in legal persons) that scores best: recognised PTCE average about 15.",
                              minimum=1)
    target_density: float = _param(0.5, "Share of member pairs linked by cooperation that scores full density.",
                                   minimum=0.01, maximum=1)
    continuity_years: float = _param(3.0, "Years of cooperation that score full continuity.", minimum=0.5)
    reference_year: int = _param(0, "Year the analysis looks from; 0 means the latest year found in the data.")
    score_continuity: float = _param(1.0, "Weight of continuity (links done rather than planned, and lasting).")
    score_density: float = _param(1.0, "Weight of density (how many member pairs cooperate).")
    score_diversity: float = _param(1.0, "Weight of role diversity (ESS, enterprise, public, research, support).")
    score_shared_theme: float = _param(1.0, "Weight of a theme or sector shared by the members.")
    score_public_anchoring: float = _param(1.0, "Weight of public anchoring (an authority that cooperates).")
    score_size: float = _param(1.0, "Weight of size near target_size.")
    score_star_penalty: float = _param(1.0, "Weight of the penalty for a star around one hub (degree "
                                            "centralisation of the links between members).")
    max_suggestions: int = _param(3, "Suggested actors per missing role.")

    def __post_init__(self) -> None:
        for spec in fields(self):
            _check(spec.name, getattr(self, spec.name), spec.metadata)
        unknown = set(self.art9_role_kinds()) - set(ROLE_KINDS)
        if unknown or not self.art9_role_kinds():
            raise EssGraphError(f"parameter 'art9_kinds': expected kinds among {', '.join(ROLE_KINDS)}, "
                                f"got '{self.art9_kinds}'")

    def art9_role_kinds(self) -> tuple[str, ...]:
        return tuple(k.strip() for k in self.art9_kinds.split(",") if k.strip())

    def status_factor(self, status: str) -> float:
        """How much a link with this status counts (unknown statuses count as done)."""
        return {
            "in-progress": self.status_in_progress, "planned": self.status_planned,
            "possible": self.status_possible,
        }.get(status, self.status_done)

    def proximity(self, level: float | None) -> float:
        """Affinity factor of two actors whose narrowest common territory has this width
        (:data:`TERRITORY_LEVELS`), None when a place is unknown; 0 beyond ``max_territory_level``.

        >>> params = PTCEParameters()
        >>> params.proximity(1), params.proximity(2.5), params.proximity(None), params.proximity(5)
        (1.0, 0.6, 0.5, 0.0)
        """
        if level is None:
            return self.proximity_unknown
        if level > TERRITORY_LEVELS[self.max_territory_level]:
            return 0.0
        factors = ((1, self.proximity_commune), (2, self.proximity_intercommunality), (3, self.proximity_pays),
                   (4, self.proximity_departement))
        return next((factor for width, factor in factors if level <= width), 0.0)

    def link_weight(self, kind: str) -> float:
        return float(getattr(self, f"weight_{kind.replace('-', '_')}"))

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def with_overrides(self, overrides: Mapping[str, Any], origin: str = "") -> PTCEParameters:
        """A copy with some values changed; values may be strings (from the command line) or typed.

        Errors start with ``origin`` (the file the values come from), if given. A name that is no
        parameter is a :class:`~ess_graph.errors.NameNotFound` with the closest names, so that a
        typo is told what was meant.

        >>> PTCEParameters().with_overrides({"seed": "7"}).seed
        7
        >>> PTCEParameters().with_overrides({"sed": 7}, origin="ptce.toml")
        Traceback (most recent call last):
        ...
        ess_graph.errors.NameNotFound: ptce.toml: unknown parameter 'sed'; did you mean seed?
        """
        known = {spec.name: spec for spec in fields(self)}
        changes = {}
        where = f"{origin}: " if origin else ""
        for name, value in overrides.items():
            if name not in known:
                close = difflib.get_close_matches(name, list(known), n=3)
                hint = f"; did you mean {', '.join(close)}?" if close else ""
                raise NameNotFound(f"{where}unknown parameter '{name}'{hint}", suggestions=close)
            changes[name] = _coerce(name, value, known[name].type, where)
        try:
            return replace(self, **changes)
        except EssGraphError as exc:
            raise EssGraphError(f"{where}{exc}") from None


def parameter_help() -> list[tuple[str, Any, str]]:
    """(name, default, help) for every parameter, in the order of the dataclass: what the help
    and the README list.

    >>> parameter_help()[0]
    ('weight_partnership', 1.0, 'A partnership between two actors (or with a project they carry).')
    >>> len(parameter_help()) == len(PTCEParameters().as_dict())
    True
    """
    return [(spec.name, spec.default, spec.metadata["help"]) for spec in fields(PTCEParameters)]


def parse_assignments(assignments: Iterable[str]) -> dict[str, str]:
    """``NAME=VALUE`` texts as a mapping; one without ``=`` is an
    :class:`~ess_graph.errors.InvalidValue` about ``assignments`` (the command line names its option).

    >>> parse_assignments(["seed=3", "resolution = 1.2"])
    {'seed': '3', 'resolution': '1.2'}
    >>> parse_assignments(["seed"])
    Traceback (most recent call last):
    ...
    ess_graph.errors.InvalidValue: assignments: expected NAME=VALUE, got 'seed'
    """
    parsed = {}
    for text in assignments:
        name, sep, value = text.partition("=")
        if not sep or not name.strip():
            raise InvalidValue(f"expected NAME=VALUE, got '{text}'", field="assignments")
        parsed[name.strip()] = value.strip()
    return parsed


def load_parameters(config: Path | None = None, assignments: Iterable[str] = ()) -> PTCEParameters:
    """Defaults, then the TOML ``config`` file, then the ``NAME=VALUE`` ``assignments`` (the last
    one wins).

    An error in the file starts with the file's name; an error in an assignment is about the
    argument ``assignments`` (:meth:`~ess_graph.errors.EssGraphError.about`), so that the command
    line can name the option that gave them.

    >>> load_parameters(None, ["seed=7"]).seed
    7
    >>> load_parameters(None, ["min_ties=0"])
    Traceback (most recent call last):
    ...
    ess_graph.errors.EssGraphError: assignments: parameter 'min_ties': must be at least 1, got 0

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     config = Path(folder) / "ptce.toml"
    ...     _ = config.write_text("[ptce]\\nseed = 3\\nmin_members = 4\\n", encoding="utf-8")
    ...     params = load_parameters(config, ["seed=5"])
    >>> params.seed, params.min_members, params.resolution
    (5, 4, 2.0)
    """
    params = PTCEParameters()
    if config is not None:
        params = params.with_overrides(_read_toml(config), origin=str(config))
    overrides = parse_assignments(assignments)
    try:
        return params.with_overrides(overrides)
    except EssGraphError as exc:
        raise exc.about("assignments") from None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise EssGraphError(f"{path}: no such file") from None
    except UnicodeDecodeError as exc:
        raise EssGraphError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:  # a folder, a file it may not read
        raise EssGraphError(f"{path}: cannot read it ({(exc.strerror or str(exc)).lower()})") from None
    except tomllib.TOMLDecodeError as exc:
        raise EssGraphError(f"{path}: invalid TOML ({exc})") from None
    table = data.get("ptce", data)
    if not isinstance(table, dict):
        raise EssGraphError(f"{path}: [ptce] must be a table")
    return table


def _coerce(name: str, value: Any, kind: Any, where: str) -> Any:
    type_name = kind if isinstance(kind, str) else kind.__name__
    if type_name == "str":
        if isinstance(value, str):
            return value
        raise EssGraphError(f"{where}parameter '{name}': expected text, got {value!r}")
    if isinstance(value, bool):
        raise EssGraphError(f"{where}parameter '{name}': expected a number, got {value!r}")
    try:
        if type_name == "int":
            if isinstance(value, float) and not value.is_integer():
                raise ValueError
            return int(value) if not isinstance(value, str) else int(value.strip())
        return float(value)
    except (TypeError, ValueError):
        expected = "an integer" if type_name == "int" else "a number"
        raise EssGraphError(f"{where}parameter '{name}': expected {expected}, got {value!r}") from None


def _check(name: str, value: Any, meta: Mapping[str, Any]) -> None:
    choices = meta.get("choices")
    if choices is not None and value not in choices:
        raise EssGraphError(f"parameter '{name}': expected one of {', '.join(choices)}, got '{value}'")
    if isinstance(value, str):
        return
    if not math.isfinite(value):
        raise EssGraphError(f"parameter '{name}': expected a finite number, got {value}")
    minimum, maximum = meta.get("minimum"), meta.get("maximum")
    if minimum is not None and value < minimum:
        raise EssGraphError(f"parameter '{name}': must be at least {minimum}, got {value}")
    if maximum is not None and value > maximum:
        raise EssGraphError(f"parameter '{name}': must be at most {maximum}, got {value}")
