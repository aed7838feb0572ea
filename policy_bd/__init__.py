"""OpenFisca Bangladesh: the Bangladesh tax-benefit system for OpenFisca.

`CountryTaxBenefitSystem` is the name every OpenFisca tool looks for in a country package.
"""

from importlib.metadata import PackageNotFoundError, metadata, version

from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from policy_bd import entities
from policy_bd.paths import PARAMETERS_DIR, VARIABLES_DIR
from policy_bd.references import link_variable_references
from policy_bd.situation_examples import old_age_man

try:
    __version__ = version("policy-bd")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0.0.0+unknown"


def repository_url() -> str:
    """The `Repository` URL of `[project.urls]` in pyproject.toml, as installed package metadata."""
    try:
        project_urls = metadata("policy-bd").get_all("Project-URL") or []
    except PackageNotFoundError:
        return ""
    for entry in project_urls:
        label, _, url = entry.partition(",")
        if label.strip().lower() == "repository":
            return url.strip()
    return ""


class CountryTaxBenefitSystem(TaxBenefitSystem):
    """Bangladesh social protection law: entities, variables and dated parameters."""

    def __init__(self) -> None:
        super().__init__(entities.entities)
        self.add_variables_from_directory(str(VARIABLES_DIR))
        link_variable_references(self, repository_url())
        self.load_parameters(str(PARAMETERS_DIR))
        self.open_api_config = {
            "variable_example": "old_age_allowance",
            "parameter_example": "social_assistance.old_age_allowance.amount",
            "simulation_example": old_age_man,
        }

    def get_package_metadata(self) -> dict:
        # The default walks the call stack to guess the package; name it so /spec and the
        # Country-Package headers always report this package and its installed version. The
        # repository (the explorer's "edit this variable" links) is configuration: the
        # `Repository` entry of [project.urls] in pyproject.toml.
        return {
            "name": "policy-bd",
            "version": __version__,
            "repository_url": repository_url(),
            "location": str(VARIABLES_DIR.parent),
        }
