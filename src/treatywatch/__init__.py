"""treatywatch: the news, read against the Mine Ban Convention and the Convention on Cluster
Munitions."""

__version__ = "0.1.0"
