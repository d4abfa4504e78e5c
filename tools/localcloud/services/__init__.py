"""One module per service of the local cloud; see ``registry.py``."""
