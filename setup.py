"""Package discovery for setuptools (everything else is in pyproject.toml).

Code lives in ``src/possuite``; the top-level ``resources/`` folder (icons, style
sheets, fonts) ships as the package ``possuite.resources``. pyproject.toml alone
cannot discover packages under ``src`` automatically *and* add a package from a
second folder, so the list is built here: new subpackages and data folders
(``printing/templates``, ``resources/fonts`` ...) are picked up without anyone
having to list them.
"""

from setuptools import find_namespace_packages, setup

_SKIP = ["*__pycache__*"]

setup(
    package_dir={"": "src", "possuite.resources": "resources"},
    packages=[
        *find_namespace_packages("src", include=["possuite", "possuite.*"], exclude=["possuite.resources*", *_SKIP]),
        "possuite.resources",
        *(f"possuite.resources.{name}" for name in find_namespace_packages("resources", exclude=_SKIP)),
    ],
)
