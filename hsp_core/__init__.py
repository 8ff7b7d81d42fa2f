"""Points engine for Japan's Highly Skilled Professional visa."""

__version__ = "0.1.0"
