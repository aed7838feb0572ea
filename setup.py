"""Maps the top-level legislation folders into the installed `policy_bd` package.

The repository keeps `parameters/`, `variables/`, `reforms/` and `web_api/` at the top level so a
reader finds a program's rule in parallel folders; an installed package must still carry them, so
they are shipped as `policy_bd.parameters`, `policy_bd.variables`, `policy_bd.reforms` and
`policy_bd.web_api`.
"""

from setuptools import find_namespace_packages, setup

MAPPED_FOLDERS = {
    "parameters": "policy_bd.parameters",
    "variables": "policy_bd.variables",
    "reforms": "policy_bd.reforms",
    "projections": "policy_bd.projections",
    "web_api": "policy_bd.web_api",
}

packages = find_namespace_packages(include=["policy_bd", "policy_bd.*"])
package_dir = {"policy_bd": "policy_bd"}
for folder, dotted in MAPPED_FOLDERS.items():
    package_dir[dotted] = folder
    packages.append(dotted)
    packages += [f"{dotted}.{sub}" for sub in find_namespace_packages(where=folder)]

setup(
    packages=packages,
    package_dir=package_dir,
    package_data={
        "": [
            "*.yaml",
            "*.yml",
            "*.json",
            "*.csv",
            "*.md",
            "*.parquet",
            "*.txt",
            "*.html",
            "*.js",
            "*.css",
        ]
    },
    include_package_data=True,
)
