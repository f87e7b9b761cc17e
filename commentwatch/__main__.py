"""``python -m commentwatch`` runs the CLI (same as the ``commentwatch`` script)."""

from commentwatch.cli import main

main()
