"""Package discovery for setuptools (everything else is in pyproject.toml).

Code lives in ``src/possuite``; the top-level ``resources/`` folder (icons, style
sheets, fonts) ships as the package ``possuite.resources``. pyproject.toml alone
cannot discover packages under ``src`` automatically *and* add a package from a
second folder, so the list is built here: new subpackages are picked up without
anyone having to remember to list them.
"""

from setuptools import find_packages, setup

setup(
    package_dir={"": "src", "possuite.resources": "resources"},
    packages=[*find_packages("src"), "possuite.resources"],
)
