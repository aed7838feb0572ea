"""Where the legislation folders are, in a source checkout and in an installed wheel."""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def _folder(name: str) -> Path:
    # A wheel carries the folder inside the package; a source checkout (editable install) keeps
    # it at the repository's top level, beside the package.
    installed = PACKAGE_DIR / name
    return installed if installed.is_dir() else PACKAGE_DIR.parent / name


PARAMETERS_DIR = _folder("parameters")
VARIABLES_DIR = _folder("variables")
REFORMS_DIR = _folder("reforms")
PROJECTIONS_DIR = _folder("projections")
PROGRAMS_DIR = PACKAGE_DIR / "programs"
LABELS_DIR = PACKAGE_DIR / "labels"
