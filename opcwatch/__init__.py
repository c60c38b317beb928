"""opcwatch: watch Jiangsu OPC (一人公司) support policies and alert subscribers."""

__version__ = "0.1.0"
