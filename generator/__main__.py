"""`python -m generator` runs the lecturedeck command line."""

from .cli import main

main(prog_name="lecturedeck")
