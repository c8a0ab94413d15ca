"""plantrack: track a development plan's quantified goals."""

__version__ = "0.1.0"
