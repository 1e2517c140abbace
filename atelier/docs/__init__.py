"""Atelier in documentation sites: fenced blocks rendered at build time, offline, and cached.

The core (`blocks`: finding and reading blocks; `cache`: rendering them once per distinct input) knows nothing of
any docs tool; `mkdocs_plugin` (entry point `mkdocs.plugins: atelier`) and `sphinx_ext` (`.. atelier::`) adapt
it to one tool each.
"""
