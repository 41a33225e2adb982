"""tda-export: a sourced fact base on Tren de Aragua, checked and exported to maps,
chronologies and tables."""

__version__ = "0.1.0"

__all__ = ["__version__"]
